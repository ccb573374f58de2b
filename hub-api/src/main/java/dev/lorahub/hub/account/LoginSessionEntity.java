package dev.lorahub.hub.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A web login. The cookie contains a random id and this row its SHA-256, so a database leak reveals no cookie. */
@Entity
@Table(name = "login_session")
public class LoginSessionEntity {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    public UserEntity user;

    /** Sent back by the page with every state-changing request, in the X-CSRF-Token header or a csrf form field. */
    @Column(name = "csrf_token")
    public String csrfToken;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
}
