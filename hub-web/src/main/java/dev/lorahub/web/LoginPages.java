package dev.lorahub.web;

import dev.lorahub.hub.account.AccountService;
import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.account.Passwords;
import dev.lorahub.hub.account.Role;
import dev.lorahub.hub.account.SessionCookies;
import dev.lorahub.hub.account.UserEntity;
import dev.lorahub.hub.account.Usernames;
import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.config.HubConfig;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The login, sign-up and logout forms. Login and sign-up are guarded by {@link PreSessionCsrf}, logout by the
 * session's CSRF token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPages {

    /** OAuth 2.0 error codes such as {@code access_denied}, which are lower case with underscores. */
    private static final Pattern OAUTH_ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    @Inject
    HubConfig config;

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    SessionCookies sessionCookies;

    @Inject
    PreSessionCsrf preSessionCsrf;

    @Inject
    PageResponses pages;

    @Inject
    AuditLog audit;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(
                PageHeader header, String lang, String csrf, String username, String error, boolean signup,
                boolean oidc);

        static native TemplateInstance signup(
                PageHeader header, String lang, String csrf, String username, String error);
    }

    @GET
    @Path("/login")
    @Operation(hidden = true)
    public Response loginForm(@RestQuery String error, HttpHeaders headers, UriInfo uri) {
        Caller current = caller.get();
        if (current.means() == Caller.Means.SESSION) {
            return PageResponses.redirect(current.mustChangePassword() ? "/account/password" : "/account").build();
        }
        return loginPage(200, headers, uri, "", oidcError(error, PageResponses.locale(headers))).build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response login(@RestForm String username, @RestForm String password, @RestForm String csrf,
            HttpHeaders headers, UriInfo uri) {
        Locale locale = PageResponses.locale(headers);
        if (!preSessionCsrf.accepts(headers, csrf)) {
            return pages.csrfRejected(PageHeader.of(caller.get()), locale);
        }
        UserEntity user;
        try {
            user = accounts.verify(username, password, caller.get().address()).orElse(null);
        } catch (ProblemException e) {
            // A 429 carries Retry-After, as the API's problem response does.
            Response.ResponseBuilder page = loginPage(e.status(), headers, uri, username, pages.detail(e, locale));
            e.headers().forEach(page::header);
            return page.build();
        }
        if (user == null) {
            audit.record(caller.get(), "login-failed", "user", null, String.valueOf(username));
            String error = pages.detail(new ProblemException(401, "login-failed"), locale);
            return loginPage(401, headers, uri, username, error).build();
        }
        audit.recordAs(user.id, user.username, caller.get().address(), "login", "user", user.id, null);
        return loggedIn(user, uri);
    }

    @GET
    @Path("/signup")
    @Operation(hidden = true)
    public Response signupForm(HttpHeaders headers, UriInfo uri) {
        if (!config.accounts().signup()) {
            return signupDisabled(headers);
        }
        return signupPage(200, headers, uri, "", null);
    }

    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signup(@RestForm String username, @RestForm String password, @RestForm String repeat,
            @RestForm String csrf, HttpHeaders headers, UriInfo uri) {
        Locale locale = PageResponses.locale(headers);
        if (!config.accounts().signup()) {
            return signupDisabled(headers);
        }
        if (!preSessionCsrf.accepts(headers, csrf)) {
            return pages.csrfRejected(PageHeader.of(caller.get()), locale);
        }
        UserEntity user;
        try {
            // The name and the password rules come first, so that an empty form names what is missing.
            if (username == null || username.isBlank()) {
                return signupPage(400, headers, uri, "", pages.messages(locale).usernameMissing());
            }
            Usernames.check(username);
            Passwords.check(password);
            if (!password.equals(repeat)) {
                return signupPage(400, headers, uri, username, pages.messages(locale).passwordsDiffer());
            }
            user = accounts.create(username, password, Role.USER, false);
        } catch (ProblemException e) {
            return signupPage(e.status(), headers, uri, username, pages.detail(e, locale));
        }
        audit.recordAs(user.id, user.username, caller.get().address(), "signup", "user", user.id, null);
        return loggedIn(user, uri);
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout(@RestForm String csrf, HttpHeaders headers, UriInfo uri) {
        Caller current = caller.get();
        if (current.means() == Caller.Means.SESSION) {
            if (!caller.acceptFormCsrf(csrf)) {
                return pages.csrfRejected(PageHeader.of(current), PageResponses.locale(headers));
            }
            accounts.endSession(current.sessionHash());
            audit.record(current, "logout", "user", current.userId(), current.username());
        }
        return PageResponses.redirect("/")
                .cookie(sessionCookies.end(uri))
                .build();
    }

    private Response loggedIn(UserEntity user, UriInfo uri) {
        AccountService.NewSession session = accounts.startSession(user.id);
        String target = user.mustChangePassword ? "/account/password" : "/";
        return PageResponses.redirect(target)
                .cookie(sessionCookies.start(session.sessionId(), uri), preSessionCsrf.clear(uri))
                .build();
    }

    private Response.ResponseBuilder loginPage(int status, HttpHeaders headers, UriInfo uri, String username,
            String error) {
        Locale locale = PageResponses.locale(headers);
        String csrf = preSessionCsrf.valueFor(headers);
        TemplateInstance page = Templates.login(PageHeader.of(caller.get()), locale.toLanguageTag(), csrf,
                username == null ? "" : username, error, config.accounts().signup(), config.oidc().enabled());
        return pages.html(status, page, locale).cookie(preSessionCsrf.cookie(csrf, uri));
    }

    /**
     * Returns the message for a login that the OpenID Connect provider ended with an error, or null. Quarkus OIDC
     * redirects such a callback here ({@code quarkus.oidc.authentication.error-path}) with the provider's
     * {@code error} code, such as {@code access_denied} when the person cancelled. Anyone can link to this page with
     * any text, so the page repeats the code only when it looks like an OAuth 2.0 error code.
     */
    private String oidcError(String error, Locale locale) {
        if (error == null || !config.oidc().enabled()) {
            return null;
        }
        String code = OAUTH_ERROR_CODE.matcher(error).matches() ? error : "?";
        return pages.messages(locale).oidcLoginFailed(code);
    }

    private Response signupPage(int status, HttpHeaders headers, UriInfo uri, String username, String error) {
        Locale locale = PageResponses.locale(headers);
        String csrf = preSessionCsrf.valueFor(headers);
        TemplateInstance page = Templates.signup(PageHeader.of(caller.get()), locale.toLanguageTag(), csrf,
                username == null ? "" : username, error);
        return pages.html(status, page, locale).cookie(preSessionCsrf.cookie(csrf, uri)).build();
    }

    private Response signupDisabled(HttpHeaders headers) {
        Locale locale = PageResponses.locale(headers);
        String text = pages.detail(new ProblemException(403, "signup-disabled"), locale);
        return pages.message(403, PageHeader.of(caller.get()), locale, pages.messages(locale).signupDisabled(), text);
    }
}
