package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The login, sign-up and account pages, driven as a browser does: form posts, cookies and redirects. */
@QuarkusTest
@TestProfile(H2FolderProfile.class)
class H2FolderAccountPagesTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">(lh_[A-Za-z0-9_-]+)<");
    private static final Pattern REVOKE_ACTION = Pattern.compile("action=\"/account/tokens/(\\d+)/revoke\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void signupFormSetsStrictCsrfCookie() {
        WebBrowser browser = new WebBrowser();

        HttpResponse<String> form = browser.get("/signup");

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/signup\"").doesNotContain("<script").doesNotContain(" style=");
        String cookie = WebBrowser.setCookieHeader(form, "lorahub_csrf");
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(WebBrowser.csrfField(form)).isEqualTo(browser.cookie("lorahub_csrf"));
    }

    @Test
    void signupLogsInAndHeaderShowsAccount() {
        WebBrowser browser = new WebBrowser();
        String username = newUsername();

        HttpResponse<String> signedUp = signUp(browser, username);

        assertThat(signedUp.statusCode()).isEqualTo(303);
        assertThat(location(signedUp)).isEqualTo("/");
        String session = WebBrowser.setCookieHeader(signedUp, "lorahub_session");
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        HttpResponse<String> home = browser.get("/");
        assertThat(home.body()).contains(username).contains("action=\"/logout\"").contains("href=\"/account\"");
        assertThat(home.body()).doesNotContain("href=\"/login\"");
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains(username).contains("No API tokens yet.");
        assertThat(account.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void anonymousFrontPageOffersLogin() {
        HttpResponse<String> home = new WebBrowser("zh-CN").get("/");

        assertThat(home.body()).contains("href=\"/login\">登录</a>").contains("href=\"/signup\">注册</a>");
        assertThat(home.body()).doesNotContain("action=\"/logout\"").doesNotContain("<style");
        assertThat(home.body()).contains("href=\"/css/lorahub.css\"");
    }

    @Test
    void stylesheetIsServed() {
        HttpResponse<String> css = new WebBrowser().get("/css/lorahub.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.body()).contains(".site-header");
    }

    @Test
    void accountPageNeedsLogin() {
        HttpResponse<String> account = new WebBrowser().get("/account");

        assertThat(account.statusCode()).isEqualTo(303);
        assertThat(location(account)).isEqualTo("/login");
    }

    @Test
    void tokenMadeUsedAndRevokedThroughForms() {
        WebBrowser browser = new WebBrowser();
        String username = newUsername();
        signUp(browser, username);
        String csrf = WebBrowser.csrfField(browser.get("/account"));

        HttpResponse<String> made = browser.post("/account/tokens", "name", "laptop", "scope", "write", "csrf", csrf);

        assertThat(made.statusCode()).isEqualTo(201);
        String token = match(NEW_TOKEN, made.body());
        HttpResponse<String> me = bearerGet("/api/v1/auth/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(me.body()).getString("username")).isEqualTo(username);

        HttpResponse<String> account = browser.get("/account");
        assertThat(account.body()).contains("laptop").contains(token.substring(0, 8)).doesNotContain(token);
        String tokenId = match(REVOKE_ACTION, account.body());
        WebBrowser otherUser = new WebBrowser();
        signUp(otherUser, newUsername());
        String otherCsrf = WebBrowser.csrfField(otherUser.get("/account"));
        HttpResponse<String> revokedByOther = otherUser.post("/account/tokens/" + tokenId + "/revoke",
                "csrf", otherCsrf);
        assertThat(revokedByOther.statusCode()).isEqualTo(404);
        assertThat(bearerGet("/api/v1/auth/me", token).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = browser.post("/account/tokens/" + tokenId + "/revoke", "csrf", csrf);

        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(location(revoked)).isEqualTo("/account");
        assertThat(bearerGet("/api/v1/auth/me", token).statusCode()).isEqualTo(401);
        assertThat(browser.get("/account").body()).doesNotContain("/account/tokens/" + tokenId + "/revoke");
    }

    @Test
    void tokenFormRejectsBadScope() {
        WebBrowser browser = new WebBrowser();
        signUp(browser, newUsername());
        String csrf = WebBrowser.csrfField(browser.get("/account"));

        HttpResponse<String> made = browser.post("/account/tokens", "name", "x", "scope", "admin", "csrf", csrf);

        assertThat(made.statusCode()).isEqualTo(400);
        assertThat(made.body()).contains("is invalid. Use read or write.").doesNotContain("id=\"new-token\"");
    }

    @Test
    void formPostWithoutCsrfChangesNothing() {
        WebBrowser browser = new WebBrowser();
        signUp(browser, newUsername());
        String csrf = WebBrowser.csrfField(browser.get("/account"));

        HttpResponse<String> missing = browser.post("/account/tokens", "name", "sneaky", "scope", "write");
        HttpResponse<String> wrong = browser.post("/account/tokens", "name", "sneaky", "scope", "write",
                "csrf", csrf + "x");

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("Reload the page");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(browser.get("/account").body()).doesNotContain("sneaky").contains("No API tokens yet.");
    }

    @Test
    void loginWithoutPreSessionCsrfRejected() {
        WebBrowser browser = new WebBrowser();
        String username = newUsername();
        signUp(browser, username);
        WebBrowser stranger = new WebBrowser();

        HttpResponse<String> noCookie = stranger.post("/login", "username", username, "password", PASSWORD,
                "csrf", "guessed");
        HttpResponse<String> noField = new WebBrowser().post("/login", "username", username, "password", PASSWORD);
        stranger.get("/login");
        HttpResponse<String> wrongField = stranger.post("/login", "username", username, "password", PASSWORD,
                "csrf", "guessed");

        for (HttpResponse<String> rejected : new HttpResponse[] {noCookie, noField, wrongField}) {
            assertThat(rejected.statusCode()).isEqualTo(403);
            assertThat(rejected.body()).contains("Reload the page");
            assertThat(WebBrowser.setCookieHeader(rejected, "lorahub_session")).isNull();
        }
    }

    @Test
    void wrongPasswordShowsFormInChinese() {
        WebBrowser browser = new WebBrowser("zh-CN");
        String username = newUsername();
        signUp(new WebBrowser(), username);
        String csrf = WebBrowser.csrfField(browser.get("/login"));

        HttpResponse<String> failed = browser.post("/login", "username", username, "password", "wrong password",
                "csrf", csrf);

        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(failed.body()).contains("用户名或密码错误").contains("action=\"/login\"");
        assertThat(failed.body()).contains("value=\"" + username + "\"");
        assertThat(failed.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(WebBrowser.setCookieHeader(failed, "lorahub_session")).isNull();
    }

    @Test
    void wrongPasswordShowsFormInEnglish() {
        WebBrowser browser = new WebBrowser();
        String csrf = WebBrowser.csrfField(browser.get("/login"));

        HttpResponse<String> failed = browser.post("/login", "username", "nobody-here", "password", "whatever1",
                "csrf", csrf);

        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(failed.body()).contains("The username or password is wrong.");
    }

    @Test
    void signupShowsTakenNameAndPasswordRules() {
        String username = newUsername();
        signUp(new WebBrowser(), username);
        WebBrowser browser = new WebBrowser("zh-CN");
        String csrf = WebBrowser.csrfField(browser.get("/signup"));

        HttpResponse<String> taken = browser.post("/signup", "username", username.toUpperCase(),
                "password", PASSWORD, "repeat", PASSWORD, "csrf", csrf);
        HttpResponse<String> tooShort = browser.post("/signup", "username", newUsername(),
                "password", "short", "repeat", "short", "csrf", csrf);
        HttpResponse<String> differ = browser.post("/signup", "username", newUsername(),
                "password", PASSWORD, "repeat", PASSWORD + "!", "csrf", csrf);

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("已被占用");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("密码至少需要 8 个字符");
        assertThat(differ.statusCode()).isEqualTo(400);
        assertThat(differ.body()).contains("两次输入的密码不一致");
    }

    @Test
    void passwordChangeAndLogout() {
        WebBrowser browser = new WebBrowser();
        String username = newUsername();
        signUp(browser, username);
        WebBrowser otherBrowser = new WebBrowser();
        logIn(otherBrowser, username, PASSWORD);
        String csrf = WebBrowser.csrfField(browser.get("/account/password"));
        String newPassword = "a much better passphrase";

        HttpResponse<String> wrongCurrent = browser.post("/account/password", "currentPassword", "not it at all",
                "newPassword", newPassword, "repeat", newPassword, "csrf", csrf);
        HttpResponse<String> mismatch = browser.post("/account/password", "currentPassword", PASSWORD,
                "newPassword", newPassword, "repeat", "something else", "csrf", csrf);
        HttpResponse<String> changed = browser.post("/account/password", "currentPassword", PASSWORD,
                "newPassword", newPassword, "repeat", newPassword, "csrf", csrf);

        assertThat(wrongCurrent.statusCode()).isEqualTo(403);
        assertThat(wrongCurrent.body()).contains("The current password is wrong.");
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(location(changed)).isEqualTo("/account");
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
        assertThat(otherBrowser.get("/account").statusCode()).isEqualTo(303);
        assertThat(logIn(new WebBrowser(), username, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(logIn(new WebBrowser(), username, newPassword).statusCode()).isEqualTo(303);

        String session = browser.cookie("lorahub_session");
        HttpResponse<String> logoutWithoutCsrf = browser.post("/logout");
        assertThat(logoutWithoutCsrf.statusCode()).isEqualTo(403);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
        HttpResponse<String> loggedOut = browser.post("/logout", "csrf", csrf);

        assertThat(loggedOut.statusCode()).isEqualTo(303);
        assertThat(location(loggedOut)).isEqualTo("/");
        assertThat(WebBrowser.setCookieHeader(loggedOut, "lorahub_session")).contains("Max-Age=0");
        assertThat(browser.cookie("lorahub_session")).isNull();
        browser.setCookie("lorahub_session", session);
        HttpResponse<String> stale = browser.get("/account");
        assertThat(stale.statusCode()).isEqualTo(303);
        assertThat(location(stale)).isEqualTo("/login");
    }

    @Test
    void firstAdminMustChangePasswordFirst() throws IOException {
        String firstPassword = Files.readString(
                Path.of(H2FolderProfile.DATA_DIR, "admin-password"), StandardCharsets.UTF_8).strip();
        WebBrowser browser = new WebBrowser();
        int tokensBefore = JsonPath.from(bearerGet("/api/v1/tokens", HubClient.ADMIN_TOKEN).body()).getList("$").size();

        HttpResponse<String> loggedIn = logIn(browser, "admin", firstPassword);

        assertThat(loggedIn.statusCode()).isEqualTo(303);
        assertThat(location(loggedIn)).isEqualTo("/account/password");
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(303);
        assertThat(location(account)).isEqualTo("/account/password");
        HttpResponse<String> passwordPage = browser.get("/account/password");
        assertThat(passwordPage.body()).contains("generated first password");
        String csrf = WebBrowser.csrfField(passwordPage);

        HttpResponse<String> tokenBeforeChange = browser.post("/account/tokens", "name", "early", "scope", "write",
                "csrf", csrf);

        assertThat(tokenBeforeChange.statusCode()).isEqualTo(403);
        assertThat(tokenBeforeChange.body()).contains("Change the password before making other changes.");
        assertThat(JsonPath.from(bearerGet("/api/v1/tokens", HubClient.ADMIN_TOKEN).body()).getList("$"))
                .hasSize(tokensBefore);

        String newPassword = "admin passphrase " + UUID.randomUUID();
        HttpResponse<String> changed = browser.post("/account/password", "currentPassword", firstPassword,
                "newPassword", newPassword, "repeat", newPassword, "csrf", csrf);
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(browser.get("/account").statusCode()).isEqualTo(200);
        HttpResponse<String> tokenAfterChange = browser.post("/account/tokens", "name", "after change",
                "scope", "read", "csrf", csrf);
        assertThat(tokenAfterChange.statusCode()).isEqualTo(201);
        assertThat(location(logIn(new WebBrowser(), "admin", newPassword))).isEqualTo("/");
    }

    @Test
    void formLoginAndSignupAuditNameActor() {
        String username = newUsername();
        signUp(new WebBrowser(), username);
        HttpResponse<String> loggedIn = logIn(new WebBrowser(), username, PASSWORD);
        assertThat(loggedIn.statusCode()).isEqualTo(303);

        JsonPath signups = audit("?actor=" + username + "&action=signup");
        JsonPath logins = audit("?actor=" + username + "&action=login");

        assertThat(signups.getList("items")).hasSize(1);
        assertThat(signups.getString("items[0].actor")).isEqualTo(username);
        long userId = signups.getLong("items[0].targetId");
        assertThat(signups.getLong("items[0].actorId")).isEqualTo(userId);
        assertThat(logins.getList("items")).hasSize(1);
        assertThat(logins.getString("items[0].actor")).isEqualTo(username);
        assertThat(logins.getLong("items[0].actorId")).isEqualTo(userId);
        assertThat(logins.getLong("items[0].targetId")).isEqualTo(userId);
    }

    @Test
    void emptySignupNamesMissingField() {
        WebBrowser english = new WebBrowser();
        String csrf = WebBrowser.csrfField(english.get("/signup"));
        WebBrowser chinese = new WebBrowser("zh-CN");
        String chineseCsrf = WebBrowser.csrfField(chinese.get("/signup"));
        String username = newUsername();

        HttpResponse<String> nothing = english.post("/signup", "csrf", csrf);
        HttpResponse<String> blankFields = english.post("/signup", "username", "", "password", "", "repeat", "",
                "csrf", csrf);
        HttpResponse<String> noPassword = english.post("/signup", "username", username, "csrf", csrf);
        HttpResponse<String> nothingInChinese = chinese.post("/signup", "csrf", chineseCsrf);
        HttpResponse<String> noPasswordInChinese = chinese.post("/signup", "username", username, "csrf", chineseCsrf);

        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("Enter a username.").doesNotContain("The two passwords differ");
        assertThat(blankFields.statusCode()).isEqualTo(400);
        assertThat(blankFields.body()).contains("Enter a username.");
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(noPassword.body()).contains("The password needs at least 8 characters.")
                .doesNotContain("The two passwords differ");
        assertThat(nothingInChinese.body()).contains("请输入用户名。").doesNotContain("两次输入的密码不一致");
        assertThat(noPasswordInChinese.body()).contains("密码至少需要 8 个字符").doesNotContain("两次输入的密码不一致");
        assertThat(audit("?actor=" + username).getList("items")).isEmpty();
    }

    @Test
    void emptyNewPasswordNamesRule() {
        WebBrowser browser = new WebBrowser();
        signUp(browser, newUsername());
        String csrf = WebBrowser.csrfField(browser.get("/account/password"));

        HttpResponse<String> empty = browser.post("/account/password", "currentPassword", PASSWORD,
                "csrf", csrf);

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("The password needs at least 8 characters.")
                .doesNotContain("The two passwords differ");
    }

    @Test
    void loginPageWithoutOidcLinkWhenOff() {
        HttpResponse<String> login = new WebBrowser().get("/login");
        HttpResponse<String> forgedError = new WebBrowser().get("/login?error=access_denied");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("/login/oidc").doesNotContain("OpenID Connect");
        assertThat(forgedError.statusCode()).isEqualTo(200);
        assertThat(forgedError.body()).doesNotContain("OpenID Connect").doesNotContain("access_denied");
    }

    private static JsonPath audit(String query) {
        HttpResponse<String> response = bearerGet("/api/v1/audit" + query, HubClient.ADMIN_TOKEN);
        assertThat(response.statusCode()).as("GET /api/v1/audit%s: %s", query, response.body()).isEqualTo(200);
        return JsonPath.from(response.body());
    }

    private static HttpResponse<String> signUp(WebBrowser browser, String username) {
        String csrf = WebBrowser.csrfField(browser.get("/signup"));
        return browser.post("/signup", "username", username, "password", PASSWORD, "repeat", PASSWORD, "csrf", csrf);
    }

    private static HttpResponse<String> logIn(WebBrowser browser, String username, String password) {
        String csrf = WebBrowser.csrfField(browser.get("/login"));
        return browser.post("/login", "username", username, "password", password, "csrf", csrf);
    }

    private static String newUsername() {
        return "web-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns the path of a redirect's {@code Location}, which the hub sends as an absolute URL. */
    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(location).getPath();
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no match for " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static HttpResponse<String> bearerGet(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(HubClient.uri(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
