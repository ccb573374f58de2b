package dev.lorahub.web;

import dev.lorahub.hub.account.ApiTokenEntity;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One API token as the account page lists it. Times are in UTC to the minute, and null when the token was never used
 * or is not revoked.
 */
public record TokenRow(long id, String name, String scope, String prefix, String created, String lastUsed,
        String revoked) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    public static TokenRow of(ApiTokenEntity token) {
        return new TokenRow(token.id, token.name, token.scope, token.tokenPrefix, format(token.createdAt),
                format(token.lastUsedAt), format(token.revokedAt));
    }

    public boolean isRevoked() {
        return revoked != null;
    }

    private static String format(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }
}
