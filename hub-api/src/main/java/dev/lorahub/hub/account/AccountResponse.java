package dev.lorahub.hub.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * An account, as shown to its owner or an admin.
 *
 * @param csrfToken for a web session, the token to send in {@code X-CSRF-Token} with every change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountResponse(
        long id,
        String username,
        String role,
        boolean mustChangePassword,
        OffsetDateTime createdAt,
        String csrfToken) {

    public static AccountResponse of(UserEntity user, String csrfToken) {
        return new AccountResponse(
                user.id, user.username, user.role, user.mustChangePassword, user.createdAt, csrfToken);
    }
}
