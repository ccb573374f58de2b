package dev.lorahub.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.converter.pickle.PickleConversion;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    void pickleCheckpointToHalfPrecisionInOnePass() throws Exception {
        HttpResponse<String> response = convert("nezha.pt", "sd15-kohya-nezha-rank4.pt", "safetensors", "BF16");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Path expected = folder.resolve("expected.safetensors");
        PickleConversion.convert(Fixtures.lora("sd15-kohya-nezha-rank4.pt"), expected, DType.BF16);
        assertThat(response.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Files.readAllBytes(expected));
        assertThat(read(response).tensors()).extracting(TensorInfo::dtype).containsOnly(DType.BF16);
        assertThat(response.headers().firstValue("Lorahub-F16-Overflows")).hasValue("0");
        assertThat(counts.snapshot().temporaryFiles()).isZero();
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
    void attnProcessorToKohya() throws Exception {
        HttpResponse<String> response = convert("attnproc.safetensors", "sd15-diffusers-attnproc.safetensors", "kohya",
                null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SafetensorsHeader header = read(response);
        assertThat(header.tensors()).hasSize(384);
        assertThat(header.tensors()).allSatisfy(tensor -> assertThat(tensor.name()).startsWith("lora_unet_"));
        assertThat(header.tensor("lora_unet_mid_block_attentions_0_transformer_blocks_0_attn2_to_out_0.alpha"))
                .isPresent();
        assertThat(counts.snapshot().temporaryFiles()).isZero();
    }

    @Test
    void cloneofsimoToPeft() throws Exception {
        HttpResponse<String> response = convert("analog.safetensors", "sd15-cloneofsimo-svd-rank4.safetensors", "peft",
                null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SafetensorsHeader header = read(response);
        assertThat(header.tensors()).hasSize(384);
        assertThat(header.tensors()).allSatisfy(tensor -> assertThat(tensor.name())
                .matches("base_model\\.model\\..*\\.lora_[AB]\\.weight"));
        assertThat(header.tensor("base_model.model.text_model.encoder.layers.0.self_attn.k_proj.lora_A.weight"))
                .isPresent();
        assertThat(header.tensor("base_model.model.down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj"
                + ".lora_B.weight")).isPresent();
    }

    @Test
    void cloneofsimoIndexBeyondOrderRejected() {
        byte[] file = cloneofsimoFile("unet:0", "unet:144");

        HttpResponse<String> response = HubClient.uploadBytes(PATH,
                new MultipartBody().file("beyond.safetensors", file).field("to", "kohya"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(code(response)).isEqualTo("conversion-failed");
        assertThat(JsonPath.from(response.body()).getString("detail")).contains("unet:144");
        assertThat(counts.snapshot().temporaryFiles()).isZero();
    }

    @Test
    void filesTheUploadWouldRejectAreNotConverted() {
        // A kohya module of rank 1 whose alpha is NaN: converted, every weight would become NaN.
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.5f).putFloat(0.25f).putFloat(1f).putFloat(2f).putFloat(Float.NaN);
        byte[] nanAlpha = SafetensorsBytes.of("{\"lora_unet_mid_block_attentions_0_proj_in.lora_down.weight\": {\"dtype\": \"F32\", \"shape\": [1, 2],"
                + " \"data_offsets\": [0, 8]}, \"lora_unet_mid_block_attentions_0_proj_in.lora_up.weight\": {\"dtype\": \"F32\", \"shape\": [2, 1],"
                + " \"data_offsets\": [8, 16]}, \"lora_unet_mid_block_attentions_0_proj_in.alpha\": {\"dtype\": \"F32\", \"shape\": [],"
                + " \"data_offsets\": [16, 20]}}", data.array());
        HttpResponse<String> alpha = HubClient.uploadBytes(PATH, new MultipartBody()
                .file("nan-alpha.safetensors", nanAlpha).field("to", "safetensors").field("dtype", "F16"));
        assertThat(alpha.statusCode()).as(alpha.body()).isEqualTo(422);
        assertThat(JsonPath.from(alpha.body()).getList("reasons.code")).contains("invalid-alpha");

        byte[] doubles = SafetensorsBytes.of("{\"weight\": {\"dtype\": \"F64\", \"shape\": [2],"
                + " \"data_offsets\": [0, 16]}}", new byte[16]);
        HttpResponse<String> f64 = HubClient.uploadBytes(PATH, new MultipartBody()
                .file("doubles.safetensors", doubles).field("to", "safetensors").field("dtype", "F16"));
        assertThat(f64.statusCode()).as(f64.body()).isEqualTo(422);
        assertThat(code(f64)).isEqualTo("dtype-not-convertible");
        assertThat(JsonPath.from(f64.body()).getString("detail")).contains("weight", "F64", "F16");

        // A protocol 0 pickle has no leading byte to recognise it by; it gets the 422 of other pickles, not a 500.
        HttpResponse<String> oldPickle = convert("plain.pkl", "../pickle/benign0_v0.pkl", "safetensors", null);
        assertThat(oldPickle.statusCode()).as(oldPickle.body()).isEqualTo(422);
        assertThat(code(oldPickle)).isEqualTo("conversion-failed");
        assertThat(JsonPath.from(oldPickle.body()).getString("detail")).doesNotContain(".part");
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

    /** Returns a safetensors file of cloneofsimo modules with zero F16 factors of an SD 1.5 attention: 320 → 320, rank 4. */
    private static byte[] cloneofsimoFile(String... modules) {
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        for (String module : modules) {
            for (String factor : new String[] {":down\": {\"dtype\": \"F16\", \"shape\": [4, 320]",
                    ":up\": {\"dtype\": \"F16\", \"shape\": [320, 4]"}) {
                json.append(offset == 0 ? "" : ", ").append('"').append(module).append(factor)
                        .append(", \"data_offsets\": [").append(offset).append(", ").append(offset + 2560).append("]}");
                offset += 2560;
            }
        }
        json.append('}');
        while ((json.length() % 8) != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header);
        return file.array();
    }

    private static String code(HttpResponse<String> response) {
        return JsonPath.from(response.body()).getString("code");
    }
}
