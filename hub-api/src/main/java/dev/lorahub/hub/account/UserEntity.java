package dev.lorahub.hub.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A local account. Accounts that log in through OpenID Connect have a subject and may have no password. */
@Entity
@Table(name = "hub_user")
public class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    /** The username in lower case, unique. */
    @Column(name = "username_key")
    public String usernameKey;

    /** A bcrypt hash in modular crypt form, or null for an account that only logs in through OpenID Connect. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** {@code user} or {@code admin}. */
    public String role;

    /** Set for the generated first admin password, which the first web login must replace. */
    @Column(name = "must_change_password")
    public boolean mustChangePassword;

    @Column(name = "oidc_subject")
    public String oidcSubject;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public boolean isAdmin() {
        return Role.ADMIN.apiName().equals(role);
    }
}
