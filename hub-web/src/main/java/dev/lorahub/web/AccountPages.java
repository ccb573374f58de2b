package dev.lorahub.web;

import dev.lorahub.hub.account.AccountService;
import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.account.TokenScope;
import dev.lorahub.hub.account.TokenService;
import dev.lorahub.hub.account.UserEntity;
import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The account page of a web session: the account, its API tokens (make and revoke) and the password change.
 *
 * <p>Every form posts the session's CSRF token in the field {@code csrf}. A post without it gets 403 and changes
 * nothing. A session whose account still has the generated first password may only change the password.
 */
@Path("/account")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @Inject
    PageResponses pages;

    @Inject
    AuditLog audit;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(PageHeader header, String lang, String username, boolean admin,
                List<TokenRow> tokens, String error);

        static native TemplateInstance newToken(PageHeader header, String lang, TokenRow token, String text);

        static native TemplateInstance password(PageHeader header, String lang, boolean forced, boolean hasPassword,
                String error);
    }

    @GET
    @Operation(hidden = true)
    public Response account(HttpHeaders headers) {
        Caller current = caller.get();
        if (current.means() != Caller.Means.SESSION) {
            return PageResponses.redirect("/login").build();
        }
        if (current.mustChangePassword()) {
            return PageResponses.redirect("/account/password").build();
        }
        return accountPage(200, current, PageResponses.locale(headers), null);
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response createToken(@RestForm String name, @RestForm String scope, @RestForm String csrf,
            HttpHeaders headers) {
        Locale locale = PageResponses.locale(headers);
        Response rejected = rejectForm(csrf, locale);
        if (rejected != null) {
            return rejected;
        }
        Caller current = caller.get();
        TokenService.CreatedToken created;
        try {
            current.requireWrite();
            TokenScope parsed = TokenScope.parse(scope);
            if (parsed == null) {
                throw ProblemException.badRequest("invalid-token-scope", String.valueOf(scope));
            }
            created = tokens.create(current.userId(), name, parsed);
            audit.record(current, "token-create", "token", created.token().id,
                    created.token().name + " (" + parsed.apiName() + ")");
        } catch (ProblemException e) {
            if (e.status() == 400) {
                return accountPage(400, current, locale, pages.detail(e, locale));
            }
            return pages.problem(e, PageHeader.of(current), locale);
        }
        TemplateInstance page = Templates.newToken(PageHeader.of(current), locale.toLanguageTag(),
                TokenRow.of(created.token()), created.text());
        return pages.html(201, page, locale).build();
    }

    @POST
    @Path("/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revokeToken(@RestPath long id, @RestForm String csrf, HttpHeaders headers) {
        Locale locale = PageResponses.locale(headers);
        Response rejected = rejectForm(csrf, locale);
        if (rejected != null) {
            return rejected;
        }
        Caller current = caller.get();
        try {
            current.requireWrite();
            TokenRow revoked = TokenRow.of(tokens.revoke(id, current));
            audit.record(current, "token-revoke", "token", id, revoked.name());
        } catch (ProblemException e) {
            return pages.problem(e, PageHeader.of(current), locale);
        }
        return PageResponses.redirect("/account").build();
    }

    @GET
    @Path("/password")
    @Operation(hidden = true)
    public Response passwordForm(HttpHeaders headers) {
        Caller current = caller.get();
        if (current.means() != Caller.Means.SESSION) {
            return PageResponses.redirect("/login").build();
        }
        return passwordPage(200, current, PageResponses.locale(headers), null);
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response changePassword(@RestForm String currentPassword, @RestForm String newPassword,
            @RestForm String repeat, @RestForm String csrf, HttpHeaders headers) {
        Locale locale = PageResponses.locale(headers);
        Response rejected = rejectForm(csrf, locale);
        if (rejected != null) {
            return rejected;
        }
        Caller current = caller.get().requireCsrf();
        if (accounts.user(current.userId()).passwordHash == null) {
            return passwordPage(409, current, locale, null);
        }
        // An empty new password falls through to the password rules, which name the minimum length.
        boolean typed = newPassword != null && !newPassword.isEmpty();
        if (typed && !newPassword.equals(repeat)) {
            return passwordPage(400, current, locale, pages.messages(locale).passwordsDiffer());
        }
        try {
            accounts.changePassword(current.userId(), currentPassword, newPassword, current.sessionHash());
        } catch (ProblemException e) {
            return passwordPage(e.status(), current, locale, pages.detail(e, locale));
        }
        audit.record(current, "password-change", "user", current.userId(), null);
        return PageResponses.redirect("/account").build();
    }

    /**
     * Checks a form post: returns a redirect to the login page without a web session, the 403 page when the CSRF
     * field does not match the session's, and null when the post may go on.
     */
    private Response rejectForm(String csrf, Locale locale) {
        Caller current = caller.get();
        if (current.means() != Caller.Means.SESSION) {
            return PageResponses.redirect("/login").build();
        }
        if (!caller.acceptFormCsrf(csrf)) {
            return pages.csrfRejected(PageHeader.of(current), locale);
        }
        return null;
    }

    private Response accountPage(int status, Caller current, Locale locale, String error) {
        UserEntity user = accounts.user(current.userId());
        List<TokenRow> rows = tokens.list(current.userId()).stream().map(TokenRow::of).toList();
        TemplateInstance page = Templates.account(PageHeader.of(current), locale.toLanguageTag(), user.username,
                user.isAdmin(), rows, error);
        return pages.html(status, page, locale).build();
    }

    /**
     * Renders the password form. An account made by an OpenID Connect login has no password, so its page explains that
     * and shows no form.
     */
    private Response passwordPage(int status, Caller current, Locale locale, String error) {
        boolean hasPassword = accounts.user(current.userId()).passwordHash != null;
        TemplateInstance page = Templates.password(PageHeader.of(current), locale.toLanguageTag(),
                current.mustChangePassword(), hasPassword, error);
        return pages.html(status, page, locale).build();
    }
}
