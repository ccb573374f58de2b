package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The first start without a preset token: a random admin token and password, and a forced password change. */
@QuarkusTest
@TestProfile(FirstStartTest.RandomAdminToken.class)
class FirstStartTest {

    static final String DATA_DIR = "target/test-data/first-start-" + UUID.randomUUID();

    /** A fresh data folder, and no preset admin token. */
    public static class RandomAdminToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lorahub.data-dir", DATA_DIR, "lorahub.admin-token", "");
        }
    }

    @Test
    void randomTokenAndPasswordWork() throws Exception {
        String token = Files.readString(Path.of(DATA_DIR, "admin-token")).strip();
        String password = Files.readString(Path.of(DATA_DIR, "admin-password")).strip();
        assertThat(token).startsWith("lh_").hasSize(46).isNotEqualTo(HubClient.ADMIN_TOKEN);
        assertThat(password).hasSize(20);

        HttpResponse<String> me = HubClient.send("GET", "/api/v1/auth/me", token, null);
        assertThat(JsonPath.from(me.body()).getString("username")).isEqualTo("admin");
        assertThat(HubClient.send("GET", "/api/v1/auth/me", HubClient.ADMIN_TOKEN, null).statusCode())
                .isEqualTo(401);

        // The token works for scripted installs at once; the web login must first replace the generated password.
        TestAccounts.Login login = TestAccounts.login("admin", password);
        HttpResponse<String> session = HubClient.send("GET", "/api/v1/auth/me", null, null, login.cookieOnly());
        assertThat(JsonPath.from(session.body()).getBoolean("mustChangePassword")).isTrue();
        HttpResponse<String> refused = HubClient.send("POST", "/api/v1/tokens", null,
                "{\"name\": \"before change\"}", login.headers());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JsonPath.from(refused.body()).getString("code")).isEqualTo("password-change-required");

        HttpResponse<String> wrong = HubClient.send("PUT", "/api/v1/auth/password", null,
                "{\"currentPassword\": \"not it\", \"newPassword\": \"a new admin password\"}", login.headers());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> changed = HubClient.send("PUT", "/api/v1/auth/password", null,
                "{\"currentPassword\": \"" + password + "\", \"newPassword\": \"a new admin password\"}",
                login.headers());
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(HubClient.send("POST", "/api/v1/tokens", null, "{\"name\": \"after change\"}", login.headers())
                .statusCode()).isEqualTo(201);
        TestAccounts.login("admin", "a new admin password");
    }
}
