package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/convert}: key layouts and precision of real LoRAs, streamed back, nothing stored. */
@QuarkusTest
@TestProfile(H2FolderProfile.class)
class H2FolderConvertTest {

    static final String PATH = "/api/v1/convert";

    @Inject
    StoreCounts counts;

    @TempDir
    Path folder;

    @Test
    void kohyaToDiffusers() throws Exception {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> response = convert("nezha.safetensors", "sd15-kohya-nezha-rank4.safetensors",
                "diffusers", null);

        assertThat(response.statusCode()).isEqualTo(200);
        SafetensorsHeader header = read(response);
        assertThat(header.tensors()).hasSize(528);
        assertThat(header.tensors()).allSatisfy(tensor -> assertThat(tensor.name())
                .matches("(unet|text_encoder)\\..*\\.lora_[AB]\\.weight"));
        String disposition = new String(response.headers().firstValue("Content-Disposition").orElseThrow()
                .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertThat(disposition).isEqualTo("attachment; filename=\"nezha-diffusers.safetensors\"");
        StoreCounts.Snapshot after = counts.snapshot();
        assertThat(after.blobs()).isEqualTo(before.blobs());
        assertThat(after.temporaryFiles()).isZero();
    }

    @Test
    void diffusersToKohyaInHalfPrecision() throws Exception {
        HttpResponse<String> response = convert("unet.safetensors", "sd15-diffusers-unet.safetensors", "kohya", "F16");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SafetensorsHeader header = read(response);
        assertThat(header.tensors()).allSatisfy(tensor -> assertThat(tensor.name()).startsWith("lora_unet_"));
        assertThat(header.tensors()).extracting(TensorInfo::dtype).containsOnly(DType.F16);
        assertThat(header.tensors().stream().filter(tensor -> tensor.name().endsWith(".alpha"))).hasSize(128);
        assertThat(response.headers().firstValue("Lorahub-F16-Overflows")).hasValue("0");
    }

    @Test
    void pickleCheckpointToSafetensors() throws Exception {
        HttpResponse<String> response = convert("attnproc.bin", "sd15-diffusers-attnproc.bin", "safetensors", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SafetensorsHeader converted = read(response);
        SafetensorsHeader expected = SafetensorsReader.read(
                Fixtures.lora("sd15-diffusers-attnproc.bin.expected.safetensors"));
        assertThat(converted.tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(expected.tensors().stream().map(TensorInfo::name).toList());
        assertThat(counts.snapshot().temporaryFiles()).isZero();
    }

    @Test
    void badConversionRequestsRejected() {
        assertThat(code(convert("x.safetensors", "sd15-kohya-nezha-rank4.safetensors", null, null)))
                .isEqualTo("missing-field");
        assertThat(code(convert("x.safetensors", "sd15-kohya-nezha-rank4.safetensors", "onnx", null)))
                .isEqualTo("invalid-field");
        assertThat(code(convert("x.safetensors", "sd15-kohya-nezha-rank4.safetensors", "safetensors", "F8")))
                .isEqualTo("invalid-field");
        HttpResponse<String> broken = convert("b.safetensors", "sd15-broken-names.safetensors", "diffusers", null);
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(counts.snapshot().temporaryFiles()).isZero();
    }

    private static HttpResponse<String> convert(String fileName, String fixture, String to, String dtype) {
        MultipartBody body = new MultipartBody().file(fileName, Fixtures.lora(fixture));
        if (to != null) {
            body.field("to", to);
        }
        if (dtype != null) {
            body.field("dtype", dtype);
        }
        return HubClient.uploadBytes(PATH, body);
    }

    private SafetensorsHeader read(HttpResponse<String> response) throws Exception {
        Path file = folder.resolve("converted.safetensors");
        Files.write(file, response.body().getBytes(StandardCharsets.ISO_8859_1));
        return SafetensorsReader.read(file);
    }

    private static String code(HttpResponse<String> response) {
        return JsonPath.from(response.body()).getString("code");
    }
}
