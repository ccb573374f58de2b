package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rejected uploads: each gets a problem that names the reason and leaves no row, blob or temporary file. */
abstract class BadInputSuite {

    static final String F32_2 = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Inject
    StoreCounts counts;

    static Stream<Arguments> brokenFiles() {
        byte[] eight = new byte[8];
        return Stream.of(
                Arguments.of("two bytes", new byte[] {1, 2}, "header-too-small"),
                Arguments.of("header length beyond file", SafetensorsBytes.of(4096, F32_2, eight),
                        "invalid-header-length"),
                Arguments.of("header not JSON", SafetensorsBytes.of("{not json at all", eight), "invalid-json"),
                Arguments.of("overlapping offsets", SafetensorsBytes.of(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]),
                        "invalid-offsets"),
                Arguments.of("offsets beyond the data", SafetensorsBytes.of(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", eight), "truncated-data"),
                Arguments.of("unknown dtype", SafetensorsBytes.of(
                        "{\"w\":{\"dtype\":\"F12\",\"shape\":[2],\"data_offsets\":[0,8]}}", eight), "unknown-dtype"),
                Arguments.of("truncated tensor section", SafetensorsBytes.of(F32_2, new byte[5]), "truncated-data"),
                Arguments.of("shape does not match offsets", SafetensorsBytes.of(
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight), "size-mismatch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenSafetensorsRejected(String description, byte[] file, String reason) {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"broken\"}").file("broken.safetensors", file));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("code")).isEqualTo("invalid-safetensors");
        assertThat(problem.getList("reasons.code", String.class)).containsExactly(reason);
        assertThat(problem.getList("reasons.level", String.class)).containsOnly("rejected");
        assertThat(problem.getString("detail")).contains("broken.safetensors");
        assertNothingLeft(before);
    }

    @Test
    void emptyMultipartRejected() {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> response = HubClient.upload(new MultipartBody());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(response.body()).getString("code")).isEqualTo("empty-upload");
        assertNothingLeft(before);
    }

    @Test
    void missingNameRejected() {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"type\": \"LORA\"}").file("nameless.safetensors", SafetensorsBytes.randomTensor(7, 16)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(response.body()).getString("code")).isEqualTo("missing-name");
        assertNothingLeft(before);
    }

    @Test
    void fileInWrongPartRejected() {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> large = HubClient.upload(new MultipartBody().metadata("{\"name\": \"misnamed\"}")
                .fileInPart("model", "big.safetensors", SafetensorsBytes.randomTensor(10, 600_000)));
        HttpResponse<String> small = HubClient.upload(new MultipartBody().metadata("{\"name\": \"misnamed\"}")
                .fileInPart("model", "small.safetensors", SafetensorsBytes.randomTensor(11, 64)));

        assertThat(large.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(large.body()).getString("code")).isEqualTo("file-in-wrong-part");
        assertThat(JsonPath.from(large.body()).getString("detail")).contains("\"model\"", "big.safetensors");
        assertThat(small.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(small.body()).getString("code")).isEqualTo("missing-file");
        assertThat(counts.snapshot()).isEqualTo(before);

        // Metadata read from a small file, as curl sends -F metadata=@meta.json, is still a field.
        HttpResponse<String> fromFile = HubClient.upload(new MultipartBody()
                .fileInPart("metadata", "meta.json", "{\"name\": \"metadata from a file\"}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))
                .file("m.safetensors", SafetensorsBytes.randomTensor(12, 64)));
        assertThat(fromFile.statusCode()).as(fromFile.body()).isEqualTo(201);
        assertThat(JsonPath.from(fromFile.body()).getString("name")).isEqualTo("metadata from a file");
    }

    @Test
    void missingFileAndBadMetadataRejected() {
        StoreCounts.Snapshot before = counts.snapshot();

        HttpResponse<String> noFile = HubClient.upload(new MultipartBody().metadata("{\"name\": \"x\"}"));
        HttpResponse<String> badJson = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": ").file("x.safetensors", SafetensorsBytes.randomTensor(8, 16)));
        HttpResponse<String> badType = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"x\", \"type\": \"Sculpture\"}")
                .file("x.safetensors", SafetensorsBytes.randomTensor(9, 16)));

        assertThat(JsonPath.from(noFile.body()).getString("code")).isEqualTo("missing-file");
        assertThat(JsonPath.from(badJson.body()).getString("code")).isEqualTo("invalid-json");
        assertThat(JsonPath.from(badType.body()).getString("code")).isEqualTo("invalid-type");
        assertThat(List.of(noFile.statusCode(), badJson.statusCode(), badType.statusCode()))
                .containsOnly(400);
        assertNothingLeft(before);
    }

    @Test
    void badMetadataFieldsRejected() {
        StoreCounts.Snapshot before = counts.snapshot();
        byte[] file = SafetensorsBytes.randomTensor(11, 16);

        JsonPath longVersion = problem(new MultipartBody()
                .metadata("{\"name\": \"x\", \"versionName\": \"" + "v".repeat(300) + "\"}").file("x.safetensors", file));
        JsonPath control = problem(new MultipartBody()
                .metadata("{\"name\": \"bell\\u0007name\"}").file("x.safetensors", file));
        JsonPath wrongType = problem(new MultipartBody()
                .metadata("{\"name\": \"x\", \"trainedWords\": \"abc\"}").file("x.safetensors", file));
        JsonPath array = problem(new MultipartBody().metadata("[1, 2]").file("x.safetensors", file));

        assertThat(longVersion.getString("code")).isEqualTo("value-too-long");
        assertThat(longVersion.getString("detail")).contains("versionName").contains("255");
        assertThat(control.getString("code")).isEqualTo("control-characters");
        assertThat(wrongType.getString("code")).isEqualTo("invalid-json-field");
        assertThat(wrongType.getString("detail"))
                .isEqualTo("In the metadata, the field trainedWords must be a JSON array.");
        assertThat(array.getString("code")).isEqualTo("invalid-json-type");
        assertThat(array.getString("detail")).doesNotContain("java.", "dev.lorahub");
        assertNothingLeft(before);
    }

    @Test
    void byHashBodyMustBeArray() {
        for (String body : List.of("{\"a\": 1}", "not json", "\"abc\"")) {
            given().contentType("application/json").body(body)
                    .when().post("/api/v1/model-versions/by-hash")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", startsWith("invalid-json"))
                    .body("detail", not(containsString("java.")));
        }
    }

    @Test
    void emptyAndMismatchedFilesRejected() {
        StoreCounts.Snapshot before = counts.snapshot();

        JsonPath empty = problem(new MultipartBody().metadata("{\"name\": \"empty\"}")
                .file("empty.safetensors", SafetensorsBytes.of("{\"__metadata__\":{\"a\":\"b\"}}", new byte[0])));
        JsonPath mismatch = problem(new MultipartBody().metadata("{\"name\": \"wrong config\"}")
                .file("adapter_model.safetensors", Fixtures.peft("adapter_model.safetensors"))
                .file("adapter_config.json", "{\"peft_type\": \"LORA\", \"r\": 64, \"lora_alpha\": 3}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        JsonPath twoMetadata = problem(new MultipartBody().metadata("{\"name\": \"one\"}")
                .metadata("{\"name\": \"two\"}").file("x.safetensors", SafetensorsBytes.randomTensor(12, 16)));

        assertThat(empty.getString("code")).isEqualTo("no-tensors");
        assertThat(mismatch.getString("code")).isEqualTo("adapter-config-mismatch");
        assertThat(mismatch.getString("detail")).contains("r = 64").contains("[8]");
        assertThat(twoMetadata.getString("code")).isEqualTo("duplicate-part");
        assertNothingLeft(before);
    }

    @Test
    void abortedUploadLeavesNothing() throws Exception {
        StoreCounts.Snapshot before = counts.snapshot();
        MultipartBody body = new MultipartBody().metadata("{\"name\": \"aborted\"}")
                .file("aborted.safetensors", SafetensorsBytes.randomTensor(13, 256 * 1024));
        byte[] bytes = body.bytes();

        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            String headers = "POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + body.contentType()
                    + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            socket.getOutputStream().write(headers.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes, 0, bytes.length / 2);
            socket.getOutputStream().flush();
            Thread.sleep(300);
        }

        StoreCounts.Snapshot after = awaitNoTemporaryFiles();
        assertThat(after.models()).isEqualTo(before.models());
        assertThat(after.blobs()).isEqualTo(before.blobs());
        given().when().get("/api/v1/models?limit=1").then().statusCode(200);
    }

    @Test
    void incompleteLoraModuleRejected() {
        StoreCounts.Snapshot before = counts.snapshot();
        String header = "{\"lora_unet_mid_block_attentions_0_proj_in.lora_down.weight\":"
                + "{\"dtype\":\"F32\",\"shape\":[4,8],\"data_offsets\":[0,128]}}";

        JsonPath problem = problem(new MultipartBody().metadata("{\"name\": \"half module\", \"type\": \"LORA\"}")
                .file("half.safetensors", SafetensorsBytes.of(header, new byte[128])));

        assertThat(problem.getString("code")).isEqualTo("file-rejected");
        assertThat(problem.getList("reasons.code", String.class)).contains("incomplete-module");
        assertNothingLeft(before);
    }

    @Test
    void pickleNamedSafetensorsConvertedByContent() {
        JsonPath model = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"disguised\"}")
                .file("disguised.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4-legacy.ckpt")));

        assertThat(model.getString("modelVersions[0].files[0].metadata.format")).isEqualTo("SafeTensor");
        assertThat(model.getInt("modelVersions[0].files[0].lora.moduleCount")).isEqualTo(264);
    }

    @Test
    void problemDetailInChinese() {
        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"type\": \"LORA\"}").file("nameless.safetensors", SafetensorsBytes.randomTensor(10, 16)),
                "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");

        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("detail")).isEqualTo("metadata 中缺少 \"name\"。新模型必须有名称。");
        assertThat(response.headers().firstValue("Content-Language")).hasValue("zh-CN");

        HttpResponse<String> broken = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"坏文件\"}").file("坏.safetensors", new byte[] {1, 2}),
                "Accept-Language", "zh-CN");
        assertThat(JsonPath.from(broken.body()).getString("detail"))
                .isEqualTo("文件 \"坏.safetensors\" 不是有效的 safetensors 文件：文件只有 2 字节，而 safetensors 文件至少需要 8 字节");
        HttpResponse<String> english = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"broken\"}").file("broken.safetensors", new byte[] {1, 2}),
                "Accept-Language", "en-US");
        assertThat(JsonPath.from(english.body()).getString("detail")).isEqualTo("The file \"broken.safetensors\" is not"
                + " a valid safetensors file: file is 2 bytes long, but a safetensors file needs at least 8");
    }

    @Test
    void malformedAcceptLanguageIgnored() {
        HttpResponse<String> missing = HubClient.send("GET", "/api/v1/models/999999", null, null,
                "Accept-Language", "en;q=abc");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JsonPath.from(missing.body()).getString("code")).isEqualTo("model-not-found");
        HttpResponse<String> page = HubClient.send("GET", "/", null, null, "Accept-Language", "zh;q=x");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    }

    @Test
    void frameworkErrorsAreProblems() {
        HttpResponse<String> xml = HubClient.send("GET", "/api/v1/models/999999", null, null,
                "Accept", "application/xml");
        assertThat(xml.statusCode()).isEqualTo(406);
        assertThat(JsonPath.from(xml.body()).getString("code")).isEqualTo("not-acceptable");

        String huge = "{\"username\": \"" + "a".repeat(30_000_000) + "\", \"password\": \"x\"}";
        HttpResponse<String> tooLarge = HubClient.send("POST", "/api/v1/auth/login", null, huge);
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(tooLarge.body()).getString("code")).as(tooLarge.body()).isEqualTo("json-too-large");

        HttpResponse<String> notNumber = HubClient.send("GET", "/api/download/models/1?fileId=abc", null, null);
        assertThat(notNumber.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(notNumber.body()).getString("code")).isEqualTo("invalid-parameter");
        HttpResponse<String> auditLimit = HubClient.send("GET", "/api/v1/audit?limit=abc", HubClient.ADMIN_TOKEN, null);
        assertThat(auditLimit.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(auditLimit.body()).getString("code")).isEqualTo("invalid-parameter");
        assertThat(HubClient.send("GET", "/api/v1/audit?targetId=x", HubClient.ADMIN_TOKEN, null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void rejectionReasonsInChinese() {
        HttpResponse<String> response = HubClient.upload(new MultipartBody()
                .metadata("{\"name\": \"payload\"}").file("evil.pt", Fixtures.ROOT.resolve("pickle/malicious1_v4.pkl")),
                "Accept-Language", "zh-CN");

        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("code")).isEqualTo("file-rejected");
        assertThat(problem.getList("reasons.message", String.class))
                .anySatisfy(reason -> assertThat(reason).startsWith("pickle 导入了 "));
    }

    @Test
    void maliciousPickleRejectedByName() {
        StoreCounts.Snapshot before = counts.snapshot();

        JsonPath problem = problem(new MultipartBody().metadata("{\"name\": \"payload\"}")
                .file("innocent.pt", Fixtures.ROOT.resolve("pickle/malicious1_v4.pkl")));
        JsonPath notModel = problem(new MultipartBody().metadata("{\"name\": \"plain pickle\"}")
                .file("plain.pkl", Fixtures.ROOT.resolve("pickle/benign0_v4.pkl")));

        assertThat(problem.getString("code")).isEqualTo("file-rejected");
        assertThat(problem.getList("reasons.code", String.class)).contains("unsafe-global");
        assertThat(notModel.getString("code")).isEqualTo("conversion-failed");
        assertNothingLeft(before);
    }

    @Test
    void protocolZeroPickleRejectedByName() {
        StoreCounts.Snapshot before = counts.snapshot();

        JsonPath problem = problem(new MultipartBody().metadata("{\"name\": \"old pickle\"}")
                .file("old.pkl", Fixtures.ROOT.resolve("pickle/malicious0.pkl")));

        assertThat(problem.getString("code")).isEqualTo("file-rejected");
        assertThat(problem.getString("detail")).contains("__builtin__");
        assertNothingLeft(before);
    }

    @Test
    void unknownThingsAreJsonNotFound() {
        for (String path : List.of("/api/v1/models/987654", "/api/v1/model-versions/987654",
                "/api/download/models/987654", "/api/v1/nothing-here")) {
            HttpResponse<byte[]> response = HubClient.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    private static JsonPath problem(MultipartBody body) {
        HttpResponse<String> response = HubClient.upload(body);
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return JsonPath.from(response.body());
    }

    private StoreCounts.Snapshot awaitNoTemporaryFiles() throws InterruptedException {
        StoreCounts.Snapshot snapshot = counts.snapshot();
        for (int attempt = 0; attempt < 50 && snapshot.temporaryFiles() > 0; attempt++) {
            Thread.sleep(100);
            snapshot = counts.snapshot();
        }
        assertThat(snapshot.temporaryFiles()).isZero();
        return snapshot;
    }

    private void assertNothingLeft(StoreCounts.Snapshot before) {
        StoreCounts.Snapshot after = counts.snapshot();
        assertThat(after.models()).isEqualTo(before.models());
        assertThat(after.versions()).isEqualTo(before.versions());
        assertThat(after.files()).isEqualTo(before.files());
        assertThat(after.blobs()).isEqualTo(before.blobs());
        assertThat(after.temporaryFiles()).isZero();
    }
}
