package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code lorahub.limits.enabled=false}, limits of 1 let every download, upload and login through. */
@QuarkusTest
@TestProfile(LimitsOffTest.LimitsOff.class)
class LimitsOffTest {

    @Test
    void downloadsNotLimited() {
        String path = "/api/download/models/" + RateLimitTest.uploadAsAdmin("unlimited download");
        String token = RateLimitTest.writeToken(RateLimitTest.newUser(), "downloads");

        for (int i = 0; i < 4; i++) {
            assertThat(RateLimitTest.download(path, token).statusCode()).as("download %d", i + 1).isEqualTo(200);
        }
    }

    @Test
    void uploadsNotLimited() {
        String token = RateLimitTest.writeToken(RateLimitTest.newUser(), "uploads");
        long modelId = JsonPath.from(RateLimitTest.upload(token, "/api/v1/models", "unlimited 1").body()).getLong("id");

        for (int i = 2; i <= 4; i++) {
            assertThat(RateLimitTest.upload(token, "/api/v1/models/" + modelId + "/versions", "unlimited " + i)
                    .statusCode()).as("upload %d", i).isEqualTo(201);
        }
    }

    @Test
    void failedLoginsNotThrottled() {
        String username = RateLimitTest.newUser();

        for (int i = 0; i < 4; i++) {
            assertThat(RateLimitTest.login(username, "wrong password").statusCode()).as("failure %d", i + 1)
                    .isEqualTo(401);
        }

        assertThat(RateLimitTest.login(username, RateLimitTest.PASSWORD).statusCode()).isEqualTo(200);
    }

    /** Every limit at 1 per hour but switched off as a whole. */
    public static class LimitsOff implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lorahub.data-dir", H2FolderProfile.DATA_DIR + "-limits-off",
                    "lorahub.limits.enabled", "false",
                    "lorahub.limits.downloads.max", "1",
                    "lorahub.limits.downloads.period", "1h",
                    "lorahub.limits.uploads.max", "1",
                    "lorahub.limits.uploads.period", "1h",
                    "lorahub.limits.logins.max-failures", "1",
                    "lorahub.limits.logins.max-failures-per-address", "1",
                    "lorahub.limits.logins.period", "1h");
        }
    }
}
