package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An upload over {@code lorahub.upload.max-size} gets 413 with a problem body and leaves nothing behind. */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallLimit.class)
class UploadLimitTest {

    static final String PUBLIC_URL = "https://hub.example.test/lorahub/";

    @Inject
    StoreCounts counts;

    @Test
    void absoluteUrlsUseConfiguredPublicUrl() {
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"public url\"}").file("small.safetensors", SafetensorsBytes.randomTensor(2, 64)));
        long versionId = model.getLong("modelVersions[0].id");

        assertThat(model.getString("modelVersions[0].downloadUrl"))
                .isEqualTo(PUBLIC_URL + "api/download/models/" + versionId);
        assertThat(model.getString("modelVersions[0].files[0].downloadUrl"))
                .isEqualTo(PUBLIC_URL + "api/download/models/" + versionId);
    }

    @Test
    void httpsPublicUrlSendsStrictTransportSecurity() {
        HttpResponse<byte[]> response = HubClient.get("/api/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lorahub.upload.max-size", "1M",
                    "lorahub.public-url", PUBLIC_URL,
                    "lorahub.data-dir", H2FolderProfile.DATA_DIR + "-limit");
        }
    }

    @Test
    void oversizedUploadRejected() {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"too big\"}")
                .file("big.safetensors", SafetensorsBytes.randomTensor(1, 512 * 1024)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonPath.from(response.body()).getString("code")).isEqualTo("upload-too-large");
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
        StoreCounts.Snapshot after = counts.snapshot();
        assertThat(after.models()).isEqualTo(before.models());
        assertThat(after.blobs()).isEqualTo(before.blobs());
        assertThat(after.temporaryFiles()).isZero();
    }
}
