package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Downloads, uploads and failed logins over {@code lorahub.limits}: 429 with {@code Retry-After}, per token and per
 * account name, with a clock that only the tests move.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {

    static final String PASSWORD = "correct horse battery";

    @Inject
    ManualLimitClock clock;

    /** Lets a whole period pass, so every bucket is full again and the tests do not depend on their order. */
    @BeforeEach
    void refillAllLimits() {
        clock.advance(Duration.ofHours(2));
    }

    @Test
    void downloadsOverLimitRejected() {
        String path = "/api/download/models/" + uploadAsAdmin("limited download");
        String token = writeToken(newUser(), "downloads");

        for (int i = 0; i < 3; i++) {
            assertThat(download(path, token).statusCode()).as("download %d", i + 1).isEqualTo(200);
        }
        HttpResponse<byte[]> rejected = download(path, token);

        assertThat(rejected.statusCode()).isEqualTo(429);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("1200");
        JsonPath problem = JsonPath.from(new String(rejected.body()));
        assertThat(problem.getString("code")).isEqualTo("download-rate-limited");
        assertThat(problem.getString("detail")).contains("1200 seconds");
    }

    @Test
    void downloadLimitCountsPerToken() {
        String path = "/api/download/models/" + uploadAsAdmin("per token download");
        String username = newUser();
        String first = writeToken(username, "first");
        String second = writeToken(username, "second");
        for (int i = 0; i < 3; i++) {
            download(path, first);
        }
        assertThat(download(path, first).statusCode()).isEqualTo(429);

        assertThat(download(path, second).statusCode()).isEqualTo(200);
        assertThat(download(path + "?token=" + second, null).statusCode()).isEqualTo(200);
    }

    @Test
    void downloadLimitRefillsOverTime() {
        String path = "/api/download/models/" + uploadAsAdmin("refilled download");
        String token = writeToken(newUser(), "refill");
        for (int i = 0; i < 3; i++) {
            download(path, token);
        }
        assertThat(download(path, token).statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1199));
        assertThat(download(path, token).headers().firstValue("Retry-After")).hasValue("1");
        clock.advance(Duration.ofSeconds(1));

        assertThat(download(path, token).statusCode()).isEqualTo(200);
        assertThat(download(path, token).statusCode()).isEqualTo(429);
    }

    @Test
    void anonymousDownloadsCountedByAddress() {
        String path = "/api/download/models/" + uploadAsAdmin("anonymous download");

        for (int i = 0; i < 3; i++) {
            assertThat(download(path, null).statusCode()).as("download %d", i + 1).isEqualTo(200);
        }

        assertThat(download(path, null).statusCode()).isEqualTo(429);
    }

    @Test
    void adminDownloadsExempt() {
        String path = "/api/download/models/" + uploadAsAdmin("admin download");

        for (int i = 0; i < 6; i++) {
            assertThat(download(path, HubClient.ADMIN_TOKEN).statusCode()).as("download %d", i + 1).isEqualTo(200);
        }
    }

    @Test
    void uploadsOverLimitRejected() {
        String username = newUser();
        String token = writeToken(username, "uploads");
        long modelId = JsonPath.from(upload(token, "/api/v1/models", "first upload").body()).getLong("id");
        assertThat(upload(token, "/api/v1/models/" + modelId + "/versions", "second upload").statusCode())
                .isEqualTo(201);

        HttpResponse<String> model = upload(token, "/api/v1/models", "third upload");
        HttpResponse<String> version = upload(token, "/api/v1/models/" + modelId + "/versions", "third version");

        assertThat(model.statusCode()).isEqualTo(429);
        assertThat(model.headers().firstValue("Retry-After")).hasValue("1800");
        assertThat(JsonPath.from(model.body()).getString("code")).isEqualTo("upload-rate-limited");
        assertThat(version.statusCode()).isEqualTo(429);
        assertThat(JsonPath.from(version.body()).getString("code")).isEqualTo("upload-rate-limited");
        // A new token of the same account does not reset the count; another account is not affected.
        String otherToken = writeToken(username, "other uploads");
        assertThat(upload(otherToken, "/api/v1/models", "other token upload").statusCode()).isEqualTo(429);
        String otherAccount = writeToken(newUser(), "uploads");
        assertThat(upload(otherAccount, "/api/v1/models", "other account upload").statusCode()).isEqualTo(201);
    }

    @Test
    void failedLoginsThrottleEvenRightPassword() {
        String username = newUser();
        for (int i = 0; i < 3; i++) {
            assertThat(login(username, "wrong password").statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }

        Response throttled = login(username, PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1200");
        assertThat(throttled.jsonPath().getString("code")).isEqualTo("login-rate-limited");
        assertThat(throttled.getCookie("lorahub_session")).isNull();
        assertThat(login(username.toUpperCase(), PASSWORD).statusCode()).isEqualTo(429);
        assertThat(login(newUser(), PASSWORD).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(20));
        assertThat(login(username, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsThrottled() {
        String username = newUser();
        String token = writeToken(username, "password guesses");
        for (int i = 0; i < 3; i++) {
            Response guess = changePassword(token, "guess " + i);
            assertThat(guess.statusCode()).as("guess %d", i + 1).isEqualTo(403);
            assertThat(guess.jsonPath().getString("code")).isEqualTo("wrong-password");
        }

        Response throttled = changePassword(token, PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.jsonPath().getString("code")).isEqualTo("login-rate-limited");
        assertThat(login(username, PASSWORD).statusCode()).isEqualTo(429);
    }

    private static Response changePassword(String token, String current) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", "a brand new password"))
                .when().put("/api/v1/auth/password");
    }

    @Test
    void loginFormThrottledWithRetryAfter() {
        String username = newUser();
        WebBrowser browser = new WebBrowser();
        String csrf = WebBrowser.csrfField(browser.get("/login"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = browser.post("/login", "username", username, "password", "wrong password",
                    "csrf", csrf);
            assertThat(failed.statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }

        HttpResponse<String> throttled = browser.post("/login", "username", username, "password", PASSWORD,
                "csrf", csrf);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1200");
        assertThat(throttled.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(throttled.body()).contains("Too many logins for this username or from this address")
                .contains("1200 seconds").contains("action=\"/login\"");
        assertThat(WebBrowser.setCookieHeader(throttled, "lorahub_session")).isNull();
    }

    @Test
    void failedLoginsThrottledPerAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("nobody-" + i, "wrong password").statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }

        Response throttled = login(newUser(), PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("720");
        assertThat(throttled.jsonPath().getString("code")).isEqualTo("login-rate-limited");
    }

    @Test
    void successfulLoginsNotCounted() {
        String username = newUser();

        for (int i = 0; i < 8; i++) {
            assertThat(login(username, PASSWORD).statusCode()).as("login %d", i + 1).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(login(username, "wrong password").statusCode()).as("failure %d", i + 1).isEqualTo(401);
        }
    }

    @Test
    void rateLimitProblemInChinese() {
        String username = newUser();
        for (int i = 0; i < 3; i++) {
            login(username, "wrong password");
        }

        Response throttled = given().header("Accept-Language", "zh-CN").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .when().post("/api/v1/auth/login");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.jsonPath().getString("detail")).isEqualTo("此用户名或此地址近期登录失败次数过多，这些登录已暂停。请在 1200 秒后重试。");
    }

    static long uploadAsAdmin(String name) {
        return HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"" + name + "\"}")
                .file("limits.safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors")))
                .getLong("modelVersions[0].id");
    }

    static HttpResponse<byte[]> download(String path, String token) {
        return token == null ? HubClient.get(path) : HubClient.get(path, "Authorization", "Bearer " + token);
    }

    static HttpResponse<String> upload(String token, String path, String name) {
        return HubClient.uploadAs(token, path, new MultipartBody()
                .metadata("{\"name\": \"" + name + "\"}")
                .file("upload.safetensors", SafetensorsBytes.randomTensor(System.nanoTime(), 64)));
    }

    /** Creates an account with {@link #PASSWORD} as the admin and returns its name. */
    static String newUser() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + HubClient.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .when().post("/api/v1/users")
                .then().statusCode(201);
        return username;
    }

    static Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/api/v1/auth/login");
    }

    /** Logs in and makes a write token for the account, as a user does on the account page. */
    static String writeToken(String username, String name) {
        Response session = login(username, PASSWORD);
        assertThat(session.statusCode()).as(session.asString()).isEqualTo(200);
        return given().cookie("lorahub_session", session.getCookie("lorahub_session"))
                .header("X-CSRF-Token", session.jsonPath().getString("csrfToken"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "scope", "write"))
                .when().post("/api/v1/tokens")
                .then().statusCode(201)
                .extract().path("token");
    }

    /** Low limits over an hour, so that a few requests reach them. */
    public static class LowLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lorahub.data-dir", H2FolderProfile.DATA_DIR + "-rate-limits",
                    "lorahub.limits.downloads.max", "3",
                    "lorahub.limits.downloads.period", "1h",
                    "lorahub.limits.uploads.max", "2",
                    "lorahub.limits.uploads.period", "1h",
                    "lorahub.limits.logins.max-failures", "3",
                    "lorahub.limits.logins.max-failures-per-address", "5",
                    "lorahub.limits.logins.period", "1h");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ManualLimitClock.class);
        }
    }
}
