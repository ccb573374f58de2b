package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/validate}: reports on safetensors files and pickle checkpoints, storing nothing. */
abstract class ValidateSuite {

    static final String PATH = "/api/v1/validate";

    @Inject
    StoreCounts counts;

    @Test
    void maliciousPickleRejectedByName() {
        StoreCounts.Snapshot before = counts.snapshot();

        JsonPath report = validate(PATH, "malicious0.pkl", Fixtures.ROOT.resolve("pickle/malicious0.pkl"));

        assertThat(report.getString("verdict")).isEqualTo("rejected");
        assertThat(report.getList("findings.code", String.class)).contains("unsafe-global");
        StoreCounts.Snapshot after = counts.snapshot();
        assertThat(after.models()).isEqualTo(before.models());
        assertThat(after.blobs()).isEqualTo(before.blobs());
        assertThat(after.temporaryFiles()).isZero();
    }

    @Test
    void findingsInChinese() {
        HttpResponse<String> response = HubClient.upload(PATH, new MultipartBody()
                .file("malicious.pkl", Fixtures.ROOT.resolve("pickle/malicious1_v4.pkl")), "Accept-Language", "zh-CN");

        JsonPath report = check(response);
        assertThat(report.getList("findings.message", String.class))
                .anySatisfy(message -> assertThat(message).startsWith("pickle 导入了 ").contains("允许列表"));
    }

    @Test
    void torchCheckpointAndLoraPass() {
        JsonPath checkpoint = validate(PATH, "nezha.pt", Fixtures.lora("sd15-kohya-nezha-rank4.pt"));
        JsonPath lora = validate(PATH, "nezha.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"));
        JsonPath broken = validate(PATH, "broken.safetensors", Fixtures.lora("sd15-broken-names.safetensors"));

        assertThat(checkpoint.getString("verdict")).isEqualTo("ok");
        assertThat(lora.getString("verdict")).isEqualTo("ok");
        assertThat(lora.getString("sha256")).hasSize(64);
        assertThat(broken.getString("verdict")).isEqualTo("rejected");
        assertThat(broken.getList("findings.code", String.class)).containsExactly("not-a-lora");
    }

    @Test
    void fullScanFindsNaN() {
        byte[] file = loraWithNaN();

        JsonPath headerOnly = validate(PATH, "nan.safetensors", file);
        JsonPath full = validate(PATH + "?fullScan=true", "nan.safetensors", file);

        assertThat(headerOnly.getList("findings.code", String.class)).doesNotContain("nan-values");
        assertThat(full.getString("verdict")).isEqualTo("rejected");
        assertThat(full.getList("findings.code", String.class)).contains("nan-values");

        HttpResponse<String> notBoolean = HubClient.upload(PATH + "?fullScan=yes",
                new MultipartBody().file("nan.safetensors", file));
        assertThat(notBoolean.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(notBoolean.body()).getString("code")).isEqualTo("invalid-parameter");
    }

    private static byte[] loraWithNaN() {
        String module = "lora_unet_mid_block_attentions_0_proj_in";
        String header = "{\"" + module + ".lora_down.weight\":{\"dtype\":\"F32\",\"shape\":[4,8],\"data_offsets\":[0,128]},"
                + "\"" + module + ".lora_up.weight\":{\"dtype\":\"F32\",\"shape\":[8,4],\"data_offsets\":[128,256]}}";
        ByteBuffer data = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64; i++) {
            data.putFloat(i == 40 ? Float.NaN : 0.01f * i);
        }
        return SafetensorsBytes.of(header, data.array());
    }

    private static JsonPath validate(String path, String fileName, Path file) {
        return check(HubClient.upload(path, new MultipartBody().file(fileName, file)));
    }

    private static JsonPath validate(String path, String fileName, byte[] file) {
        return check(HubClient.upload(path, new MultipartBody().file(fileName, file)));
    }

    private static JsonPath check(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.from(response.body());
    }
}
