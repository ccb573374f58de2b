package dev.lorahub.hub.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.hibernate.Session;

/** Turns an API token or a session cookie into a {@link Caller}. */
@ApplicationScoped
public class Authenticator {

    /** A token's last-used time is written at most this often, so that busy tokens do not write on every request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @Inject
    Session session;

    /** Finds the live token with this text and records its use; empty when it is unknown or revoked. */
    @Transactional
    public Optional<Caller> byToken(String token, String address) {
        Optional<ApiTokenEntity> found = session.createSelectionQuery(
                        "from ApiTokenEntity t join fetch t.user where t.tokenHash = :hash and t.revokedAt is null",
                        ApiTokenEntity.class)
                .setParameter("hash", Secrets.sha256(token))
                .getResultList().stream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiTokenEntity apiToken = found.get();
        OffsetDateTime now = now();
        if (apiToken.lastUsedAt == null || apiToken.lastUsedAt.plus(LAST_USED_PRECISION).isBefore(now)) {
            apiToken.lastUsedAt = now;
        }
        UserEntity user = apiToken.user;
        boolean write = TokenScope.WRITE.apiName().equals(apiToken.scope);
        return Optional.of(new Caller(user.id, user.username, user.isAdmin(), Caller.Means.TOKEN, write, apiToken.id,
                null, null, address, false));
    }

    /** Finds the unexpired web session with this cookie value; empty when there is none. */
    @Transactional
    public Optional<Caller> bySession(String sessionId, String address) {
        LoginSessionEntity login = session.find(LoginSessionEntity.class, Secrets.sha256(sessionId));
        if (login == null || login.expiresAt.isBefore(now())) {
            return Optional.empty();
        }
        UserEntity user = login.user;
        return Optional.of(new Caller(user.id, user.username, user.isAdmin(), Caller.Means.SESSION, false, null,
                login.idHash, login.csrfToken, address, user.mustChangePassword));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
