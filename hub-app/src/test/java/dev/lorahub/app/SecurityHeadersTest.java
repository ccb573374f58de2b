package dev.lorahub.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Browser security headers on every kind of response: JSON, pages, static files, problems and downloads. */
@QuarkusTest
@TestProfile(H2FolderProfile.class)
class SecurityHeadersTest {

    static final String PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Test
    void jsonResponseHasHeaders() {
        Response response = given().when().get("/api/v1/models");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response, PAGE_POLICY);
    }

    @Test
    void frontPageHasHeaders() {
        Response response = given().when().get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response, PAGE_POLICY);
    }

    @Test
    void frontPageHasNoInlineStyleOrScript() {
        String page = given().when().get("/").then().statusCode(200).extract().asString();

        assertThat(page).doesNotContain("<style", "<script", "style=");
        assertThat(page).contains("<link rel=\"stylesheet\" href=\"/css/lorahub.css\">");
    }

    @Test
    void stylesheetServedWithHeaders() {
        Response response = given().when().get("/css/lorahub.css");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/css");
        assertThat(response.asString()).contains("border-collapse: collapse");
        assertSecurityHeaders(response, PAGE_POLICY);
    }

    @Test
    void notFoundProblemHasHeaders() {
        Response unknownModel = given().when().get("/api/v1/models/987654321");
        Response unknownPath = given().when().get("/no/such/page");

        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(unknownModel.contentType()).isEqualTo("application/problem+json");
        assertSecurityHeaders(unknownModel, PAGE_POLICY);
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertSecurityHeaders(unknownPath, PAGE_POLICY);
    }

    @Test
    void downloadHasHeaders() {
        long versionId = HubClient.uploadOk(new MultipartBody()
                .metadata("{\"name\": \"headers download\"}")
                .file("headers.safetensors", Fixtures.lora("sd15-diffusers-unet.safetensors")))
                .getLong("modelVersions[0].id");

        HttpResponse<byte[]> response = HubClient.get("/api/download/models/" + versionId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(PAGE_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void swaggerUiGetsOwnPolicy() {
        Response response = given().when().get("/q/swagger-ui/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response, "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'");
        assertThat(response.asString()).contains("<script src=\"swagger-ui-bundle.js\"");
        assertThat(response.asString()).doesNotContain("src=\"http", "href=\"http");
        assertThat(given().when().get("/q/swagger-ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    private static void assertSecurityHeaders(Response response, String policy) {
        assertThat(response.header("Content-Security-Policy")).isEqualTo(policy);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.header("Strict-Transport-Security")).isNull();
    }
}
