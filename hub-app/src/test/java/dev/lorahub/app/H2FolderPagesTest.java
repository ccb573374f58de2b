package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The plain front page and the OpenAPI document, as a person and a tool first see the hub. */
@QuarkusTest
@TestProfile(H2FolderProfile.class)
class H2FolderPagesTest {

    @Test
    void frontPageListsModels() {
        HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"页面上的哪吒\", \"baseModel\": \"SD 1.5\"}")
                .file("page-nezha.safetensors", Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")));

        given().header("Accept-Language", "zh-CN").when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("页面上的哪吒"))
                .body(containsString("触发词"))
                .body(containsString("<code>nezha</code>"))
                .body(containsString("/api/download/models/"));
        given().header("Accept-Language", "en").queryParam("q", "页面").when().get("/")
                .then().statusCode(200)
                .body(containsString("Trigger words"))
                .body(containsString("页面上的哪吒"));
    }

    @Test
    void openApiDocumentListsEndpoints() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/api/v1/models"))
                .body(containsString("/api/download/models/{versionId}"))
                .body(containsString("/api/v1/model-versions/by-hash/{hash}"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
