package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST API as clients use it, run once per storage layout (H2 with a folder, PostgreSQL with S3) by the subclasses.
 * Expected LoRA facts are those of the fixtures' README, read there with independent tools.
 */
abstract class HubApiSuite {

    record Expected(String file, String layout, String networkType, int rank, Double alpha, int modules, String dtype,
            List<String> targets) {
    }

    static List<Expected> loraFixtures() {
        return List.of(
                new Expected("sd15-diffusers-attnproc.safetensors", "diffusers-attn-processor", "LoRA", 4, null, 128,
                        "F32", List.of("unet")),
                new Expected("sd15-diffusers-unet.safetensors", "diffusers", "LoRA", 4, null, 128, "F32",
                        List.of("unet")),
                new Expected("sd2-diffusers-bf16.safetensors", "diffusers", "LoRA", 4, null, 128, "BF16",
                        List.of("unet")),
                new Expected("sd15-cloneofsimo-svd-rank4.safetensors", "cloneofsimo", "LoRA", 4, null, 192, "F16",
                        List.of("unet", "text_encoder")),
                new Expected("sd15-kohya-nezha-rank4.safetensors", "kohya", "LoRA", 4, 2.0, 264, "F16",
                        List.of("unet", "text_encoder")),
                new Expected("sd15-kohya-locon-rank8.safetensors", "kohya", "LoCon", 8, 8.0, 280, "F16",
                        List.of("unet", "text_encoder")),
                new Expected("sd15-diffusers-attnproc.bin.expected.safetensors", "diffusers-attn-processor", "LoRA",
                        4, null, 128, "F32", List.of("unet")));
    }

    @Test
    void pickleCheckpointStoredAsSafetensors() throws Exception {
        Path checkpoint = Fixtures.lora("sd15-kohya-nezha-rank4.pt");
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"nezha from pt\", \"keepOriginal\": true}")
                .file("nezha-from.pt", checkpoint));
        long versionId = model.getLong("modelVersions[0].id");

        String file = "modelVersions[0].files[0].";
        assertThat(model.getList("modelVersions[0].files.metadata.format", String.class))
                .containsExactly("SafeTensor", "PickleTensor");
        assertThat(model.getString(file + "downloadName")).isEqualTo("nezha-from.safetensors");
        assertThat(model.getString(file + "lora.layout")).isEqualTo("kohya");
        assertThat(model.getInt(file + "lora.moduleCount")).isEqualTo(264);
        assertThat(model.getDouble(file + "lora.alpha")).isEqualTo(2.0);
        assertThat(model.getString("modelVersions[0].baseModel")).isEqualTo("SD 1.5");

        HttpResponse<byte[]> converted = HubClient.get("/api/download/models/" + versionId);
        assertThat(new String(converted.body(), 8, 2, StandardCharsets.US_ASCII)).isEqualTo("{\"");
        long originalId = model.getLong("modelVersions[0].files[1].id");
        HttpResponse<byte[]> original = HubClient.get("/api/download/models/" + versionId + "?fileId=" + originalId);
        assertThat(sha256(original.body())).isEqualTo(sha256(Files.readAllBytes(checkpoint)));

        // The kept original carries the report of its pickle scan, like the converted file carries its own.
        assertThat(model.getString("modelVersions[0].files[1].validation.verdict")).isEqualTo("ok");
        assertThat(model.getList("modelVersions[0].files[1].validation.findings")).isEmpty();
        assertThat(model.getString("modelVersions[0].files[1].pickleScanResult")).isEqualTo("Success");
    }

    @Test
    void baseModelDetectedFromShapes() {
        JsonPath sd2 = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"sd2 detect\"}")
                .file("sd2-detect.safetensors", Fixtures.lora("sd2-diffusers-bf16.safetensors")));
        JsonPath sd15 = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"sd15 detect\"}")
                .file("sd15-detect.safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors")));

        assertThat(sd2.getString("modelVersions[0].baseModel")).isEqualTo("SD 2.1");
        assertThat(sd15.getString("modelVersions[0].baseModel")).isEqualTo("SD 1.5");
    }

    @Test
    void loraForAnotherBaseModelRejected() {
        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"wrong base\", \"baseModel\": \"SDXL 1.0\"}")
                .file("nezha-as-sdxl.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("code")).isEqualTo("base-model-mismatch");
        assertThat(problem.getString("detail")).contains("SDXL 1.0").contains("SD 1.5");
        assertThat(problem.getList("reasons.code", String.class)).containsOnly("shape-mismatch");
        assertThat(problem.getList("reasons.message", String.class))
                .anySatisfy(reason -> assertThat(reason).contains("attn2.to_k").contains("768").contains("2048"));

        HttpResponse<String> chinese = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"wrong base\", \"baseModel\": \"SDXL 1.0\"}")
                .file("nezha-as-sdxl.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")),
                "Accept-Language", "zh-CN");
        assertThat(JsonPath.from(chinese.body()).getList("reasons.message", String.class))
                .allSatisfy(reason -> assertThat(reason).contains("：应为 ", "，实际为 "))
                .anySatisfy(reason -> assertThat(reason).contains("attn2.to_k").contains("768").contains("2048"));
    }

    @Test
    void sd15LoraDeclaredForFluxRejected() {
        for (String declared : List.of("Flux.1 D", "SD 3.5 Large", "SDXL Turbo")) {
            HttpResponse<String> response = HubClient.upload(new MultipartBody()
                    .metadata("{\"name\": \"wrong base\", \"baseModel\": \"" + declared + "\"}")
                    .file("nezha-wrong.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));

            assertThat(response.statusCode()).as(declared).isEqualTo(422);
            assertThat(JsonPath.from(response.body()).getString("code")).as(declared).isEqualTo("base-model-mismatch");
        }
        JsonPath lowerCase = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"lower case base\", \"baseModel\": \"sd 1.5\"}")
                .file("nezha-lower.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));
        assertThat(lowerCase.getString("modelVersions[0].baseModel")).isEqualTo("SD 1.5");
    }

    @Test
    void unknownLayoutRejectedAsLora() {
        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"broken names\"}")
                .file("broken-names.safetensors", Fixtures.lora("sd15-broken-names.safetensors")));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("code")).isEqualTo("file-rejected");
        assertThat(problem.getList("reasons.code", String.class)).containsExactly("not-a-lora");
        assertThat(problem.getString("detail")).contains("lora_unet_unet_");

        HttpResponse<String> chinese = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"broken names\"}")
                .file("broken-names.safetensors", Fixtures.lora("sd15-broken-names.safetensors")),
                "Accept-Language", "zh-CN");
        assertThat(JsonPath.from(chinese.body()).getString("detail"))
                .startsWith("文件 \"broken-names.safetensors\" 未通过校验：256 个张量中没有一个符合已知的 LoRA 布局");
    }

    @Test
    void validationReportInFileJson() {
        JsonPath nezha = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"validated\"}")
                .file("validated.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));
        JsonPath cloneofsimo = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"unaligned\"}")
                .file("unaligned.safetensors", Fixtures.lora("sd15-cloneofsimo-svd-rank4.safetensors")));

        assertThat(nezha.getString("modelVersions[0].files[0].validation.verdict")).isEqualTo("ok");
        assertThat(nezha.getList("modelVersions[0].files[0].validation.findings")).isEmpty();
        assertThat(nezha.getString("modelVersions[0].files[0].pickleScanResult")).isEqualTo("Success");
        assertThat(cloneofsimo.getString("modelVersions[0].files[0].validation.verdict")).isEqualTo("warning");
        assertThat(cloneofsimo.getList("modelVersions[0].files[0].validation.findings.code", String.class))
                .containsExactly("unaligned-header");
    }

    @Test
    void unknownLayoutStoredWhenNotDeclaredLora() throws Exception {
        Path file = Fixtures.lora("sd15-broken-names.safetensors");
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"broken names\", \"type\": \"Other\"}").file("broken-names.safetensors", file));

        assertThat(model.getMap("modelVersions[0].files[0]")).containsEntry("lora", null);
        assertThat(model.getString("type")).isEqualTo("Other");
        HttpResponse<byte[]> download = HubClient.get("/api/download/models/" + model.getLong("modelVersions[0].id"));
        assertThat(sha256(download.body())).isEqualTo(sha256(Files.readAllBytes(file)));
    }

    @ParameterizedTest
    @MethodSource("loraFixtures")
    void loraFixtureFactsAndDownload(Expected expected) throws Exception {
        Path file = Fixtures.lora(expected.file());
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"" + expected.file() + "\"}")
                .file(expected.file(), file));

        String lora = "modelVersions[0].files[0].lora.";
        assertThat(model.getString(lora + "layout")).isEqualTo(expected.layout());
        assertThat(model.getString(lora + "networkType")).isEqualTo(expected.networkType());
        assertThat(model.getInt(lora + "rank")).isEqualTo(expected.rank());
        assertThat(model.getList(lora + "ranks", Integer.class)).containsExactly(expected.rank());
        assertThat(model.getDouble(lora + "moduleCount")).isEqualTo(expected.modules());
        assertThat(model.getString(lora + "dtype")).isEqualTo(expected.dtype());
        assertThat(model.getList(lora + "targets", String.class)).containsExactlyElementsOf(expected.targets());
        if (expected.alpha() == null) {
            assertThat(model.getMap("modelVersions[0].files[0].lora")).containsEntry("alpha", null);
        } else {
            assertThat(model.getDouble(lora + "alpha")).isEqualTo(expected.alpha());
        }

        long versionId = model.getLong("modelVersions[0].id");
        HttpResponse<byte[]> download = HubClient.get("/api/download/models/" + versionId);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(sha256(Files.readAllBytes(file)));
        assertThat(HubClient.header(download, "Content-Length"))
                .containsExactly(String.valueOf(Files.size(file)));
        assertThat(HubClient.header(download, "ETag")).containsExactly("\"" + sha256(Files.readAllBytes(file)) + "\"");
        assertThat(HubClient.header(download, "Transfer-Encoding")).isEmpty();

        Map<String, String> hashes = model.getMap("modelVersions[0].files[0].hashes");
        if (Files.size(file) < 2 * 1024 * 1024) {
            assertThat(hashes).doesNotContainKey("AutoV1");
        } else {
            assertThat(hashes).containsKey("AutoV1");
        }
    }

    @Test
    void peftAdapterWithConfig() {
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"distilbert emotion\"}")
                .file("adapter_model.safetensors", Fixtures.peft("adapter_model.safetensors"))
                .file("adapter_config.json", Fixtures.peft("adapter_config.json")));

        String lora = "modelVersions[0].files[0].lora.";
        assertThat(model.getString("type")).isEqualTo("PEFT");
        assertThat(model.getString(lora + "layout")).isEqualTo("peft");
        assertThat(model.getInt(lora + "rank")).isEqualTo(8);
        assertThat(model.getDouble(lora + "alpha")).isEqualTo(16.0);
        assertThat(model.getInt(lora + "moduleCount")).isEqualTo(12);
        assertThat(model.getString(lora + "dtype")).isEqualTo("F32");
        assertThat(model.getList("modelVersions[0].files.type", String.class)).containsExactly("Model", "Config");
        assertThat(model.getString("modelVersions[0].baseModel")).isEqualTo("distilbert-base-uncased");
    }

    @Test
    void triggerWordsFromTagFrequency() {
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"Nezha trigger words\"}")
                .file("nezha.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));

        List<String> words = model.getList("modelVersions[0].trainedWords", String.class);
        assertThat(words).startsWith("nezha", "哪吒");
        assertThat(words).contains("1boy", "red scarf", "fire");
        assertThat(model.getString("modelVersions[0].baseModel")).isEqualTo("SD 1.5");
        assertThat(model.getString("type")).isEqualTo("LORA");
    }

    @Test
    void byHashFindsEveryHashKind() throws Exception {
        Path file = Fixtures.lora("sd15-kohya-locon-rank8.safetensors");
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"by-hash probe\"}")
                .file("locon-by-hash.safetensors", file));
        long versionId = model.getLong("modelVersions[0].id");
        Map<String, String> hashes = model.getMap("modelVersions[0].files[0].hashes");

        String sha256 = sha256(Files.readAllBytes(file));
        assertThat(hashes.get("SHA256")).isEqualTo(sha256.toUpperCase());
        assertThat(hashes.get("AutoV2")).isEqualTo(sha256.substring(0, 10).toUpperCase());
        assertThat(hashes).containsKeys("AutoV1", "AutoV3", "CRC32");

        for (String hash : List.of(hashes.get("SHA256"), sha256, hashes.get("AutoV1"), hashes.get("AutoV2"),
                hashes.get("AutoV3"), hashes.get("AutoV3").toLowerCase(), hashes.get("CRC32"),
                reverseBytes(hashes.get("CRC32")))) {
            given().when().get("/api/v1/model-versions/by-hash/" + hash)
                    .then().statusCode(200).body("id", equalTo((int) versionId));
        }
        String blake3 = awaitBlake3(versionId);
        given().when().get("/api/v1/model-versions/by-hash/" + blake3)
                .then().statusCode(200).body("id", equalTo((int) versionId));

        given().contentType("application/json").body(List.of(sha256, "0".repeat(64)))
                .when().post("/api/v1/model-versions/by-hash")
                .then().statusCode(200).body("id", equalTo(List.of((int) versionId)));
        given().when().get("/api/v1/model-versions/by-hash/" + "f".repeat(64))
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("hash-not-found"));
    }

    @Test
    void downloadNamesEndInSafetensors() {
        byte[] file = SafetensorsBytes.randomTensor(System.nanoTime(), 256);

        JsonPath renamed = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"named pt\"}")
                .file("really-safetensors.pt", file));
        JsonPath bare = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"no extension\"}")
                .file("no-extension", file));

        assertThat(renamed.getString("modelVersions[0].files[0].downloadName"))
                .isEqualTo("really-safetensors.safetensors");
        assertThat(bare.getString("modelVersions[0].files[0].downloadName")).isEqualTo("no-extension.safetensors");
    }

    @Test
    void byHashAnswersOldestVersion() throws Exception {
        byte[] file = SafetensorsBytes.randomTensor(System.nanoTime(), 1024);
        long first = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"first holder\"}")
                .file("holder.safetensors", file)).getLong("modelVersions[0].id");
        long second = HubClient.uploadOk(new MultipartBody().metadata("{\"name\": \"second holder\"}")
                .file("holder.safetensors", file)).getLong("modelVersions[0].id");

        assertThat(second).isGreaterThan(first);
        given().when().get("/api/v1/model-versions/by-hash/" + sha256(file))
                .then().statusCode(200).body("id", equalTo((int) first));
    }

    @Test
    void rangedDownloadsResume() throws Exception {
        Path file = Fixtures.lora("sd15-diffusers-unet.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        long versionId = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"ranges\"}").file("ranges.safetensors", file)).getLong("modelVersions[0].id");
        String path = "/api/download/models/" + versionId;
        int middle = bytes.length / 2;

        HttpResponse<byte[]> head = HubClient.get(path, "Range", "bytes=0-" + (middle - 1));
        HttpResponse<byte[]> tail = HubClient.get(path, "Range", "bytes=" + middle + "-");
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(HubClient.header(tail, "Content-Range"))
                .containsExactly("bytes " + middle + "-" + (bytes.length - 1) + "/" + bytes.length);
        byte[] joined = new byte[bytes.length];
        System.arraycopy(head.body(), 0, joined, 0, head.body().length);
        System.arraycopy(tail.body(), 0, joined, middle, tail.body().length);
        assertThat(joined).isEqualTo(bytes);

        HttpResponse<byte[]> first = HubClient.get(path, "Range", "bytes=0-0");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).containsExactly(bytes[0]);
        assertThat(HubClient.header(first, "Content-Length")).containsExactly("1");

        HttpResponse<byte[]> beyond = HubClient.get(path, "Range", "bytes=" + bytes.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(HubClient.header(beyond, "Content-Range")).containsExactly("bytes */" + bytes.length);

        String etag = HubClient.header(first, "ETag").get(0);
        HttpResponse<byte[]> notModified = HubClient.get(path, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(HubClient.header(notModified, "ETag")).containsExactly(etag);
        assertThat(HubClient.get(path, "Range", "bytes=-10").body())
                .isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
    }

    @Test
    void clientClosingAfterHeadersIsHarmless() throws Exception {
        Path file = Fixtures.lora("sd15-kohya-locon-rank8.safetensors");
        long versionId = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"early close\"}").file("early-close.safetensors", file))
                .getLong("modelVersions[0].id");

        for (int attempt = 0; attempt < 5; attempt++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/download/models/" + versionId
                        + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] start = socket.getInputStream().readNBytes(12);
                assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            }
        }

        HttpResponse<byte[]> download = HubClient.get("/api/download/models/" + versionId);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).hasSize((int) Files.size(file));
    }

    @Test
    void headAndProbesDoNotCountDownloads() throws Exception {
        Path file = Fixtures.lora("sd15-diffusers-unet.safetensors");
        long versionId = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"counting\"}").file("counting.safetensors", file)).getLong("modelVersions[0].id");
        String path = "/api/download/models/" + versionId;

        given().when().head(path).then().statusCode(200)
                .header("Content-Length", String.valueOf(Files.size(file)));
        HubClient.get(path, "Range", "bytes=0-0");
        HubClient.get(path, "Range", "bytes=100-");
        given().when().get("/api/v1/model-versions/" + versionId).then().body("stats.downloadCount", equalTo(0));

        HubClient.get(path);
        given().when().get("/api/v1/model-versions/" + versionId).then().body("stats.downloadCount", equalTo(1));
    }

    @Test
    void chineseNamesRoundTrip() {
        String name = "哪吒 · 火尖枪";
        String fileName = "哪吒_v1.safetensors";
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"" + name + "\", \"tags\": [\"国风\"], \"trainedWords\": [\"哪吒\", \"nezha\"]}")
                .file(fileName, Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));
        long versionId = model.getLong("modelVersions[0].id");

        assertThat(model.getString("name")).isEqualTo(name);
        assertThat(model.getString("modelVersions[0].files[0].name")).isEqualTo(fileName);
        given().queryParam("query", "火尖").when().get("/api/v1/models")
                .then().statusCode(200).body("items.name", hasItem(name));
        given().queryParam("query", "哪吒").queryParam("tag", "国风").when().get("/api/v1/models")
                .then().statusCode(200).body("items.name", hasItem(name));

        HttpResponse<byte[]> download = HubClient.get("/api/download/models/" + versionId);
        String disposition = HubClient.header(download, "Content-Disposition").get(0);
        String decoded = new String(disposition.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        String downloadName = model.getString("modelVersions[0].files[0].downloadName");
        assertThat(decoded).isEqualTo("attachment; filename=\"" + downloadName + "\"");
        assertThat(downloadName).startsWith("哪吒_v1").endsWith(".safetensors");
        assertThat(decoded.chars().filter(c -> c == '=').count()).isEqualTo(1);
    }

    @Test
    void civitaiClientFields() {
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"fields\", \"baseModel\": \"SD 1.5\", \"versionName\": \"v2\"}")
                .file("fields.safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors")));
        long modelId = model.getLong("id");
        long versionId = model.getLong("modelVersions[0].id");

        given().when().get("/api/v1/models/" + modelId).then().statusCode(200)
                .body("modelVersions[0].id", equalTo((int) versionId))
                .body("nsfwLevel", equalTo(1))
                .body("creator.username", equalTo("admin"))
                .body("visibility", equalTo("public"))
                .body("allowNoCredit", equalTo(true))
                .body("allowCommercialUse", equalTo(List.of("Image", "RentCivit", "Rent", "Sell")));
        JsonPath version = given().when().get("/api/v1/model-versions/" + versionId).then().statusCode(200)
                .body("modelId", equalTo((int) modelId))
                .body("name", equalTo("v2"))
                .body("baseModel", equalTo("SD 1.5"))
                .body("model.poi", equalTo(false))
                .body("files.findAll { it.primary }.size()", equalTo(1))
                .body("files[0].type", equalTo("Model"))
                .body("files[0].metadata.format", equalTo("SafeTensor"))
                .body("files[0].metadata.fp", equalTo("fp32"))
                .body("downloadUrl", startsWith("http://"))
                .body("downloadUrl", endsWith("/api/download/models/" + versionId))
                .extract().jsonPath();
        assertThat(version.getString("files[0].downloadUrl")).isEqualTo(version.getString("downloadUrl"));
    }

    @Test
    void newVersionComesFirst() {
        long modelId = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"versions\"}")
                .file("versions.safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors"))).getLong("id");
        HttpResponse<String> second = HubClient.upload("/api/v1/models/" + modelId + "/versions", new MultipartBody()
                .metadata("{\"versionName\": \"v2\"}")
                .file("versions-v2.safetensors", Fixtures.lora("sd15-diffusers-attnproc.safetensors")));
        assertThat(second.statusCode()).isEqualTo(201);

        given().when().get("/api/v1/models/" + modelId).then().statusCode(200)
                .body("modelVersions.name", equalTo(List.of("v2", "v1.0")));
        HttpResponse<String> missing = HubClient.upload("/api/v1/models/999999/versions", new MultipartBody()
                .metadata("{}").file("x.safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors")));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String reverseBytes(String hex8) {
        return hex8.substring(6, 8) + hex8.substring(4, 6) + hex8.substring(2, 4) + hex8.substring(0, 2);
    }

    private static String awaitBlake3(long versionId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            String blake3 = given().when().get("/api/v1/model-versions/" + versionId)
                    .then().extract().path("files[0].hashes.BLAKE3");
            if (blake3 != null) {
                return blake3;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("BLAKE3 of version " + versionId + " was not filled in within 10 s");
    }
}
