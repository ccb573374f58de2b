package dev.lorahub.web;

import dev.lorahub.hub.account.AccountService;
import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.account.Role;
import dev.lorahub.hub.account.SessionCookies;
import dev.lorahub.hub.account.UserEntity;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The login, sign-up and logout forms. Login and sign-up are guarded by {@link PreSessionCsrf}, logout by the
 * session's CSRF token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPages {

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
                PageHeader header, String lang, String csrf, String username, String error, boolean signup);

        static native TemplateInstance signup(
                PageHeader header, String lang, String csrf, String username, String error);
    }

    @GET
    @Path("/login")
    @Operation(hidden = true)
    public Response loginForm(HttpHeaders headers, UriInfo uri) {
        Caller current = caller.get();
        if (current.means() == Caller.Means.SESSION) {
            return PageResponses.redirect(current.mustChangePassword() ? "/account/password" : "/account").build();
        }
        return loginPage(200, headers, uri, "", null);
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
            return loginPage(e.status(), headers, uri, username, pages.detail(e, locale));
        }
        if (user == null) {
            audit.record(caller.get(), "login-failed", "user", null, String.valueOf(username));
            String error = pages.detail(new ProblemException(401, "login-failed"), locale);
            return loginPage(401, headers, uri, username, error);
        }
        audit.record(caller.get(), "login", "user", user.id, user.username);
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
        if (password == null || !password.equals(repeat)) {
            return signupPage(400, headers, uri, username, pages.messages(locale).passwordsDiffer());
        }
        UserEntity user;
        try {
            user = accounts.create(username, password, Role.USER, false);
        } catch (ProblemException e) {
            return signupPage(e.status(), headers, uri, username, pages.detail(e, locale));
        }
        audit.record(caller.get(), "signup", "user", user.id, user.username);
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

    private Response loginPage(int status, HttpHeaders headers, UriInfo uri, String username, String error) {
        Locale locale = PageResponses.locale(headers);
        String csrf = preSessionCsrf.valueFor(headers);
        TemplateInstance page = Templates.login(PageHeader.of(caller.get()), locale.toLanguageTag(), csrf,
                username == null ? "" : username, error, config.accounts().signup());
        return pages.html(status, page, locale).cookie(preSessionCsrf.cookie(csrf, uri)).build();
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
