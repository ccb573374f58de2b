package dev.lorahub.hub.account;

import dev.lorahub.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.hibernate.Session;

/** API tokens: made with random text shown once, stored as a hash, revoked with effect on the next request. */
@ApplicationScoped
public class TokenService {

    static final int NAME_MAX_LENGTH = 100;
    static final int PREFIX_LENGTH = 8;

    @Inject
    Session session;

    /** Makes a token with random text. */
    @Transactional
    public CreatedToken create(long userId, String name, TokenScope scope) {
        return create(userId, name, scope, Secrets.newToken());
    }

    /** Makes a token with the given text, as the first start does with {@code LORAHUB_ADMIN_TOKEN}. */
    @Transactional
    public CreatedToken create(long userId, String name, TokenScope scope, String text) {
        if (name == null || name.isBlank() || name.strip().length() > NAME_MAX_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-token-name", NAME_MAX_LENGTH);
        }
        ApiTokenEntity token = new ApiTokenEntity();
        token.user = session.getReference(UserEntity.class, userId);
        token.name = name.strip();
        token.scope = scope.apiName();
        token.tokenHash = Secrets.sha256(text);
        token.tokenPrefix = text.substring(0, Math.min(PREFIX_LENGTH, text.length()));
        token.createdAt = Authenticator.now();
        session.persist(token);
        session.flush();
        return new CreatedToken(token, text);
    }

    /** Lists the user's tokens, revoked ones included, newest first. */
    @Transactional
    public List<ApiTokenEntity> list(long userId) {
        return session.createSelectionQuery(
                        "from ApiTokenEntity t where t.user.id = :user order by t.id desc", ApiTokenEntity.class)
                .setParameter("user", userId)
                .getResultList();
    }

    /** Revokes a token of the caller (any token for an admin); 404 for tokens of others, revoked or not. */
    @Transactional
    public ApiTokenEntity revoke(long tokenId, Caller caller) {
        ApiTokenEntity token = session.find(ApiTokenEntity.class, tokenId);
        if (token == null || !caller.mayManage(token.user.id)) {
            throw ProblemException.notFound("token-not-found", tokenId);
        }
        if (token.revokedAt == null) {
            token.revokedAt = Authenticator.now();
        }
        return token;
    }

    /** A token as made, with its text, which is not stored and cannot be shown again. */
    public record CreatedToken(ApiTokenEntity token, String text) {
    }
}
