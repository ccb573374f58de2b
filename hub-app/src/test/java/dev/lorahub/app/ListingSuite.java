package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Listing, filters and paging of {@code GET /api/v1/models}, and concurrent uploads of the same bytes. */
abstract class ListingSuite {

    static final int CONCURRENT_UPLOADS = 8;

    @Inject
    StoreCounts counts;

    @Test
    void cursorPagesNeitherSkipNorRepeat() {
        String tag = "paging-" + UUID.randomUUID();
        List<Long> created = uploadTagged(tag, 5);

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("tag", tag).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("metadata.nextCursor");
            pages++;
        } while (cursor != null);

        List<Long> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void mostDownloadedCursorKeepsOrder() {
        String tag = "downloads-" + UUID.randomUUID();
        List<Long> created = uploadTagged(tag, 3);
        long popular = created.get(1);
        JsonPath model = given().when().get("/api/v1/models/" + popular).then().extract().jsonPath();
        HubClient.get("/api/download/models/" + model.getLong("modelVersions[0].id"));

        JsonPath first = given().queryParam("tag", tag).queryParam("sort", "Most Downloaded").queryParam("limit", 1)
                .when().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
        JsonPath rest = given().queryParam("tag", tag).queryParam("sort", "Most Downloaded").queryParam("limit", 5)
                .queryParam("cursor", first.getString("metadata.nextCursor"))
                .when().get("/api/v1/models").then().statusCode(200).extract().jsonPath();

        assertThat(first.getList("items.id", Long.class)).containsExactly(popular);
        assertThat(rest.getList("items.id", Long.class)).containsExactly(created.get(2), created.get(0));
        assertThat(rest.getString("metadata.nextCursor")).isNull();
    }

    @Test
    void numberedPagesWithOldParameterNames() {
        String tag = "numbered-" + UUID.randomUUID();
        List<Long> created = uploadTagged(tag, 3);

        given().queryParam("tag", tag).queryParam("pageSize", 2).queryParam("page", 2)
                .when().get("/api/v1/models")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(created.get(0).intValue())))
                .body("metadata.totalItems", equalTo(3))
                .body("metadata.totalPages", equalTo(2))
                .body("metadata.currentPage", equalTo(2));
        given().queryParam("tag", tag).queryParam("type", "LORA").queryParam("baseModels", "SD 1.5")
                .when().get("/api/v1/models")
                .then().statusCode(200).body("items.size()", equalTo(3));
        given().queryParam("tag", tag).queryParam("types", "Checkpoint")
                .when().get("/api/v1/models")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void badListingParametersRejected() {
        given().queryParam("sort", "Sideways").when().get("/api/v1/models")
                .then().statusCode(400).body("code", equalTo("invalid-sort"));
        given().queryParam("limit", 1000).when().get("/api/v1/models")
                .then().statusCode(400).body("code", equalTo("limit-out-of-range"));
        given().queryParam("cursor", "not-a-cursor").when().get("/api/v1/models")
                .then().statusCode(400).body("code", equalTo("invalid-cursor"));
        given().queryParam("types", "Sculpture").when().get("/api/v1/models")
                .then().statusCode(400).body("code", equalTo("invalid-type"));
        given().queryParam("period", "Bogus").when().get("/api/v1/models")
                .then().statusCode(400).body("code", equalTo("invalid-parameter"));
        given().queryParam("nsfw", "maybe").when().get("/api/v1/models")
                .then().statusCode(400).body("code", equalTo("invalid-parameter"));
        given().queryParam("pageSize", 500).when().get("/api/v1/models")
                .then().statusCode(400).body("detail", containsString("pageSize"));
    }

    @Test
    void primaryFileOnlyDropsConfigFiles() {
        String tag = "primary-" + UUID.randomUUID();
        HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"peft primary\", \"tags\": [\"" + tag + "\"]}")
                .file("adapter_model.safetensors", Fixtures.peft("adapter_model.safetensors"))
                .file("adapter_config.json", Fixtures.peft("adapter_config.json")));

        given().queryParam("tag", tag).when().get("/api/v1/models")
                .then().statusCode(200).body("items[0].modelVersions[0].files.type", equalTo(List.of("Model", "Config")));
        given().queryParam("tag", tag).queryParam("primaryFileOnly", true).queryParam("period", "Week")
                .when().get("/api/v1/models")
                .then().statusCode(200).body("items[0].modelVersions[0].files.type", equalTo(List.of("Model")));
    }

    @Test
    void sameFileUploadedConcurrently() throws Exception {
        byte[] file = SafetensorsBytes.randomTensor(System.nanoTime(), 64 * 1024);
        StoreCounts.Snapshot before = counts.snapshot();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_UPLOADS);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < CONCURRENT_UPLOADS; i++) {
                int index = i;
                responses.add(pool.submit(() -> {
                    start.await();
                    return HubClient.upload(new MultipartBody()
                            .metadata("{\"name\": \"concurrent " + index + "\"}").file("concurrent.safetensors", file));
                }));
            }
            start.countDown();
            List<String> downloadNames = new ArrayList<>();
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> answer = response.get();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                downloadNames.add(JsonPath.from(answer.body()).getString("modelVersions[0].files[0].downloadName"));
            }
            assertThat(downloadNames).doesNotHaveDuplicates().contains("concurrent.safetensors");
        } finally {
            pool.shutdownNow();
        }

        StoreCounts.Snapshot after = counts.snapshot();
        assertThat(after.blobs()).isEqualTo(before.blobs() + 1);
        assertThat(after.models()).isEqualTo(before.models() + CONCURRENT_UPLOADS);
        assertThat(after.temporaryFiles()).isZero();
    }

    private static List<Long> uploadTagged(String tag, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(HubClient.uploadOk(new MultipartBody()
                    .metadata("{\"name\": \"" + tag + " " + i + "\", \"tags\": [\"" + tag + "\"], \"baseModel\": \"SD 1.5\"}")
                    .file(tag + "-" + i + ".safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors")))
                    .getLong("id"));
        }
        return ids;
    }
}
