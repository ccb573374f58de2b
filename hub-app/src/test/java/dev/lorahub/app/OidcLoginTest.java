package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lorahub.app.OidcProviderMock.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect login against {@link OidcProviderMock}: each test plays a browser that follows the redirects by hand
 * and keeps its cookies, from {@code /login/oidc} to the provider and back, and then uses the hub's session cookie.
 */
@QuarkusTest
@TestProfile(OidcLoginProfile.class)
class OidcLoginTest {

    @Test
    void codeFlowStartsHubSession() {
        Browser browser = new Browser();

        HttpResponse<String> done = browser.logIn(OidcProviderMock.ALICE);

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue(HubClient.uri("/").toString());
        assertThat(browser.cookie("lorahub_session")).isPresent();
        assertThat(browser.cookieNames()).noneMatch(name -> name.startsWith("q_"));
        JsonPath me = browser.me();
        assertThat(me.getString("username")).isEqualTo("alice");
        assertThat(me.getString("role")).isEqualTo("user");
        assertThat(me.getString("csrfToken")).isNotBlank();
        assertThat(me.getBoolean("mustChangePassword")).isFalse();
    }

    @Test
    void redirectToProviderCarriesClientAndCallback() {
        HttpResponse<String> start = new Browser().get(HubClient.uri("/login/oidc"));

        assertThat(start.statusCode()).isEqualTo(302);
        URI authorization = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorization.toString()).startsWith(issuer() + "/auth?");
        Map<String, String> query = query(authorization);
        assertThat(query.get("client_id")).isEqualTo(OidcProviderMock.CLIENT_ID);
        assertThat(query.get("response_type")).isEqualTo("code");
        assertThat(query.get("redirect_uri")).isEqualTo(HubClient.uri("/login/oidc").toString());
        assertThat(query.get("scope").split(" ")).contains("openid", "profile", "email");
        assertThat(query.get("state")).isNotBlank();
    }

    @Test
    void secondLoginReusesAccount() {
        long first = new Browser().logInAndRead(OidcProviderMock.ALICE).getLong("id");
        long second = new Browser().logInAndRead(OidcProviderMock.ALICE).getLong("id");

        assertThat(second).isEqualTo(first);
        List<String> names = given().header("Authorization", "Bearer " + HubClient.ADMIN_TOKEN)
                .when().get("/api/v1/users")
                .then().statusCode(200)
                .extract().jsonPath().getList("username", String.class);
        assertThat(names).filteredOn(name -> name.equalsIgnoreCase("alice")).containsExactly("alice");
    }

    @Test
    void takenNameGetsNumberSuffix() {
        long alice = new Browser().logInAndRead(OidcProviderMock.ALICE).getLong("id");

        JsonPath other = new Browser().logInAndRead(OidcProviderMock.OTHER_ALICE);

        assertThat(other.getString("username")).isEqualTo("Alice-2");
        assertThat(other.getLong("id")).isNotEqualTo(alice);
    }

    @Test
    void adminGroupGivesAdminRole() {
        JsonPath bob = new Browser().logInAndRead(OidcProviderMock.BOB);

        assertThat(bob.getString("username")).isEqualTo("Bob-Muller");
        assertThat(bob.getString("role")).isEqualTo("admin");
    }

    @Test
    void nameWithoutValidCharactersFallsBackToEmail() {
        JsonPath wang = new Browser().logInAndRead(OidcProviderMock.WANG);

        assertThat(wang.getString("username")).isEqualTo("wang.xm");
    }

    @Test
    void loginReplacesEarlierSessionOfBrowser() {
        Browser browser = new Browser();
        browser.logInAndRead(OidcProviderMock.ALICE);
        String aliceSession = browser.cookie("lorahub_session").orElseThrow();

        JsonPath bob = browser.logInAndRead(OidcProviderMock.BOB);

        assertThat(bob.getString("username")).isEqualTo("Bob-Muller");
        given().cookie("lorahub_session", aliceSession)
                .when().get("/api/v1/auth/me")
                .then().statusCode(401);
    }

    @Test
    void linkedAccountHasNoPassword() {
        new Browser().logIn(OidcProviderMock.ALICE);

        given().contentType("application/json")
                .body(Map.of("username", "alice", "password", "any password at all"))
                .when().post("/api/v1/auth/login")
                .then().statusCode(401).body("code", equalTo("login-failed"));
    }

    @Test
    void unknownCodeLogsNobodyIn() {
        Browser browser = new Browser();
        URI authorization = browser.startLogin();

        HttpResponse<String> callback = browser.returnFromProvider(authorization, "code-nobody-was-given");

        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(browser.cookie("lorahub_session")).isEmpty();
    }

    @Test
    void forgedStateLogsNobodyIn() {
        Browser browser = new Browser();
        URI authorization = browser.startLogin();
        URI forged = URI.create(HubClient.uri("/login/oidc") + "?code=" + OidcProviderMock.ALICE.code()
                + "&state=" + URLEncoder.encode(query(authorization).get("state") + "x", StandardCharsets.UTF_8));

        HttpResponse<String> callback = browser.get(forged);

        // Quarkus OIDC drops a code whose state does not match the state cookie and starts a new login.
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith(issuer() + "/auth?"));
        assertThat(browser.cookie("lorahub_session")).isEmpty();
    }

    @Test
    void apiTokensAndAnonymousCallsBypassOidc() {
        given().header("Authorization", "Bearer " + HubClient.ADMIN_TOKEN)
                .when().get("/api/v1/auth/me")
                .then().statusCode(200).body("username", equalTo("admin"));
        given().header("Authorization", "Bearer lh_revoked-or-never-issued")
                .when().get("/api/v1/auth/me")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid-token"));
        given().redirects().follow(false)
                .when().get("/api/v1/auth/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().redirects().follow(false)
                .when().get("/api/v1/models")
                .then().statusCode(200);
    }

    @Test
    void firstLoginAuditsSignupWithActor() {
        long carol = new Browser().logInAndRead(OidcProviderMock.CAROL).getLong("id");
        new Browser().logInAndRead(OidcProviderMock.CAROL);

        JsonPath signups = audit("?actor=carol&action=signup");
        JsonPath logins = audit("?actor=carol&action=login-oidc");

        assertThat(signups.getList("items")).hasSize(1);
        assertThat(signups.getLong("items[0].actorId")).isEqualTo(carol);
        assertThat(signups.getLong("items[0].targetId")).isEqualTo(carol);
        assertThat(signups.getString("items[0].detail")).isEqualTo("oidc");
        assertThat(logins.getList("items")).hasSize(2);
        assertThat(logins.getList("items.actorId", Long.class)).containsExactly(carol, carol);
        assertThat(logins.getList("items.actor", String.class)).containsExactly("carol", "carol");
    }

    @Test
    void loginPageLinksToOidc() {
        HttpResponse<String> english = new WebBrowser().get("/login");
        HttpResponse<String> chinese = new WebBrowser("zh-CN").get("/login");

        assertThat(english.body()).contains("<a href=\"/login/oidc\">Log in with OpenID Connect</a>");
        assertThat(chinese.body()).contains("<a href=\"/login/oidc\">使用 OpenID Connect 登录</a>");
    }

    @Test
    void linkedAccountPasswordPageHasNoForm() {
        Browser browser = new Browser();
        browser.logIn(OidcProviderMock.ALICE);
        String csrf = browser.me().getString("csrfToken");

        HttpResponse<String> english = browser.get(HubClient.uri("/account/password"), "en");
        HttpResponse<String> chinese = browser.get(HubClient.uri("/account/password"), "zh-CN");
        HttpResponse<String> posted = browser.postForm(HubClient.uri("/account/password"),
                "currentPassword=&newPassword=new+password+1&repeat=new+password+1&csrf=" + csrf);

        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("logs in through OpenID Connect and has no password")
                .doesNotContain("action=\"/account/password\"").doesNotContain("Current password");
        assertThat(chinese.body()).contains("此账户通过 OpenID Connect 登录，没有密码")
                .doesNotContain("action=\"/account/password\"");
        assertThat(posted.statusCode()).isEqualTo(409);
        assertThat(posted.body()).contains("has no password").doesNotContain("The current password is wrong");
        HttpResponse<String> api = HubClient.send("PUT", "/api/v1/auth/password", null,
                "{\"currentPassword\": \"\", \"newPassword\": \"new password 1\"}",
                "Cookie", "lorahub_session=" + browser.cookie("lorahub_session").orElseThrow(), "X-CSRF-Token", csrf);
        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(JsonPath.from(api.body()).getString("code")).isEqualTo("no-password");
        given().contentType("application/json")
                .body(Map.of("username", "alice", "password", "new password 1"))
                .when().post("/api/v1/auth/login")
                .then().statusCode(401);
    }

    @Test
    void providerErrorShowsLoginPage() {
        Browser browser = new Browser();
        URI authorization = browser.startLogin();
        Map<String, String> query = query(authorization);
        URI cancelled = URI.create(query.get("redirect_uri") + "?error=access_denied&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));

        HttpResponse<String> callback = browser.get(cancelled);

        assertThat(callback.statusCode()).isEqualTo(302);
        URI errorPage = HubClient.uri("/").resolve(callback.headers().firstValue("Location").orElseThrow());
        assertThat(errorPage.getPath()).isEqualTo("/login");
        HttpResponse<String> english = browser.get(errorPage, "en");
        HttpResponse<String> chinese = browser.get(errorPage, "zh-CN");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("The OpenID Connect login did not finish: the provider returned the error"
                + " access_denied.").contains("action=\"/login\"");
        assertThat(chinese.body()).contains("OpenID Connect 登录未完成：身份提供方返回了错误 access_denied。");
        assertThat(browser.cookie("lorahub_session")).isEmpty();
    }

    @Test
    void forgedErrorCodeNotRepeated() {
        HttpResponse<String> page = new WebBrowser().get("/login?error=%3Cb%3Eclick+evil.example%3C%2Fb%3E");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("the provider returned the error ?.").doesNotContain("evil.example");
    }

    private static JsonPath audit(String query) {
        return given().header("Authorization", "Bearer " + HubClient.ADMIN_TOKEN)
                .when().get("/api/v1/audit" + query)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    /** A browser with its own cookie jar, which follows no redirect by itself. */
    private static final class Browser {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .build();

        /** Runs the whole code flow and returns the hub's last response, the redirect home after the login. */
        HttpResponse<String> logIn(Person person) {
            URI authorization = startLogin();
            HttpResponse<String> callback = returnFromProvider(authorization, person.code());
            assertThat(callback.statusCode()).as("callback with the code of %s", person.subject()).isEqualTo(302);
            URI back = HubClient.uri("/").resolve(callback.headers().firstValue("Location").orElseThrow());
            assertThat(back.getPath()).isEqualTo("/login/oidc");
            return get(back);
        }

        JsonPath logInAndRead(Person person) {
            HttpResponse<String> done = logIn(person);
            assertThat(done.statusCode()).as("login of %s: %s", person.subject(), done.body()).isEqualTo(303);
            return me();
        }

        /** Requests {@code /login/oidc} and returns the provider's authorization URL it redirects to. */
        URI startLogin() {
            HttpResponse<String> start = get(HubClient.uri("/login/oidc"));
            assertThat(start.statusCode()).as("start of the login: %s", start.body()).isEqualTo(302);
            return URI.create(start.headers().firstValue("Location").orElseThrow());
        }

        /** Follows the provider's redirect back to the hub after a login that issued this code. */
        HttpResponse<String> returnFromProvider(URI authorization, String code) {
            Map<String, String> query = query(authorization);
            return get(URI.create(query.get("redirect_uri")
                    + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                    + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)));
        }

        JsonPath me() {
            HttpResponse<String> me = get(HubClient.uri("/api/v1/auth/me"));
            assertThat(me.statusCode()).as("GET /api/v1/auth/me: %s", me.body()).isEqualTo(200);
            return JsonPath.from(me.body());
        }

        Optional<String> cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .findFirst();
        }

        List<String> cookieNames() {
            return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
        }

        HttpResponse<String> get(URI uri) {
            return send(HttpRequest.newBuilder(uri).GET());
        }

        HttpResponse<String> get(URI uri, String language) {
            return send(HttpRequest.newBuilder(uri).header("Accept-Language", language).GET());
        }

        HttpResponse<String> postForm(URI uri, String urlEncodedBody) {
            return send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(urlEncodedBody)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            HttpRequest built = request.build();
            try {
                return http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
