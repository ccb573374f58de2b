package dev.lorahub.hub.account;

import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.limit.RateLimits;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** Accounts and their web sessions, each call in one transaction. */
@ApplicationScoped
public class AccountService {

    @Inject
    Session session;

    @Inject
    HubConfig config;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @Inject
    RateLimits limits;

    /** Creates an account; 409 when the name is taken in any letter case. */
    @Transactional
    public UserEntity create(String username, String password, Role role, boolean mustChangePassword) {
        String key = Usernames.check(username);
        Passwords.check(password);
        if (findByName(key).isPresent()) {
            throw new ProblemException(409, "username-taken", username);
        }
        UserEntity user = new UserEntity();
        user.username = username;
        user.usernameKey = key;
        user.passwordHash = Passwords.hash(password);
        user.role = role.apiName();
        user.mustChangePassword = mustChangePassword;
        user.createdAt = Authenticator.now();
        try {
            session.persist(user);
            session.flush();
        } catch (PersistenceException e) {
            // Two sign-ups with the same name at once: the unique key lets only one in.
            throw new ProblemException(409, "username-taken", username);
        }
        return user;
    }

    /**
     * Returns the account when the name and password match. Raises 429 without checking the password once the name
     * or the address has failed too often lately ({@code lorahub.limits.logins}).
     *
     * @param address the client's address, for throttling repeated failures
     */
    @Transactional
    public Optional<UserEntity> verify(String username, String password, String address) {
        limits.acquireLoginAttempt(username, address);
        Optional<UserEntity> user = username == null ? Optional.empty() : findByName(Usernames.key(username));
        boolean matches = Passwords.matches(password, user.map(found -> found.passwordHash).orElse(null));
        if (!matches) {
            return Optional.empty();
        }
        limits.loginSucceeded(username, address);
        return user;
    }

    /** Starts a web session and returns the cookie value with its CSRF token. */
    @Transactional
    public NewSession startSession(long userId) {
        String sessionId = Secrets.newSessionSecret();
        LoginSessionEntity login = new LoginSessionEntity();
        login.idHash = Secrets.sha256(sessionId);
        login.user = session.getReference(UserEntity.class, userId);
        login.csrfToken = Secrets.newSessionSecret();
        login.createdAt = Authenticator.now();
        login.expiresAt = login.createdAt.plus(config.accounts().sessionLifetime());
        session.persist(login);
        session.createMutationQuery("delete from LoginSessionEntity s where s.expiresAt < :now")
                .setParameter("now", login.createdAt)
                .executeUpdate();
        return new NewSession(sessionId, login.csrfToken, login.expiresAt);
    }

    @Transactional
    public void endSession(String sessionHash) {
        session.createMutationQuery("delete from LoginSessionEntity s where s.idHash = :hash")
                .setParameter("hash", sessionHash)
                .executeUpdate();
    }

    /**
     * Replaces the password after checking the current one, and ends the account's other web sessions, since a
     * password is usually changed because someone else may know the old one. Wrong current passwords count against
     * the login limits and are audited, because a stolen session or token could otherwise guess the password here.
     */
    @Transactional
    public void changePassword(long userId, String currentPassword, String newPassword, String keptSessionHash) {
        UserEntity user = session.find(UserEntity.class, userId);
        if (user.passwordHash == null) {
            throw new ProblemException(409, "no-password");
        }
        String address = caller.get().address();
        limits.acquireLoginAttempt(user.username, address);
        if (!Passwords.matches(currentPassword, user.passwordHash)) {
            audit.recordAs(user.id, user.username, address, "password-change-failed", "user", user.id, null);
            throw new ProblemException(403, "wrong-password");
        }
        limits.loginSucceeded(user.username, address);
        Passwords.check(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw ProblemException.badRequest("password-unchanged");
        }
        user.passwordHash = Passwords.hash(newPassword);
        user.mustChangePassword = false;
        session.createMutationQuery("delete from LoginSessionEntity s where s.user.id = :user and s.idHash <> :kept")
                .setParameter("user", userId)
                .setParameter("kept", keptSessionHash == null ? "" : keptSessionHash)
                .executeUpdate();
    }

    @Transactional
    public UserEntity user(long userId) {
        UserEntity user = session.find(UserEntity.class, userId);
        if (user == null) {
            throw ProblemException.notFound("user-not-found", userId);
        }
        return user;
    }

    @Transactional
    public List<UserEntity> users() {
        return session.createSelectionQuery("from UserEntity u order by u.id", UserEntity.class).getResultList();
    }

    @Transactional
    public long count() {
        return session.createSelectionQuery("select count(u) from UserEntity u", Long.class).getSingleResult();
    }

    private Optional<UserEntity> findByName(String key) {
        return session.createSelectionQuery("from UserEntity u where u.usernameKey = :key", UserEntity.class)
                .setParameter("key", key)
                .getResultList().stream().findFirst();
    }

    /** A new web session: the cookie value, shown only now, and the token its pages send with changes. */
    public record NewSession(String sessionId, String csrfToken, OffsetDateTime expiresAt) {
    }
}
