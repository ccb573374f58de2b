package dev.lorahub.hub.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * An API token without its text, which only the response that makes it carries (in {@code token}).
 *
 * @param prefix the first characters of the text, to tell tokens apart
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        long id,
        String name,
        String scope,
        String prefix,
        OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt,
        String token) {

    public static TokenResponse of(ApiTokenEntity token) {
        return of(token, null);
    }

    public static TokenResponse of(ApiTokenEntity token, String text) {
        return new TokenResponse(token.id, token.name, token.scope, token.tokenPrefix, token.createdAt,
                token.lastUsedAt, token.revokedAt, text);
    }
}
