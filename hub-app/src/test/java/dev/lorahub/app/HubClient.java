package dev.lorahub.app;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Sends uploads and raw downloads to the hub under test with the JDK's HTTP client, which leaves bodies untouched. */
final class HubClient {

    /** The admin token of the test configuration ({@code %test.lorahub.admin-token}). */
    static final String ADMIN_TOKEN = "lh_test-admin-token-for-the-test-suites-only";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HubClient() {
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + path);
    }

    /** Uploads as the admin, with the token that the test configuration gives it at the first start. */
    static HttpResponse<String> upload(String path, MultipartBody body, String... headers) {
        return uploadAs(ADMIN_TOKEN, path, body, headers);
    }

    /** Uploads with this API token, or without one when it is null. */
    static HttpResponse<String> uploadAs(String token, String path, MultipartBody body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts without a token and keeps the response's bytes one to one in the string (ISO-8859-1). */
    static HttpResponse<String> uploadBytes(String path, MultipartBody body) {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        return send(request, HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    static HttpResponse<String> upload(MultipartBody body, String... headers) {
        return upload("/api/v1/models", body, headers);
    }

    /** Uploads and expects 201; returns the created model as JSON. */
    static JsonPath uploadOk(MultipartBody body) {
        HttpResponse<String> response = upload(body);
        if (response.statusCode() != 201) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return JsonPath.from(response.body());
    }

    /**
     * Sends any request with an optional API token and JSON body, and returns the response as text.
     *
     * @param token the API token for {@code Authorization: Bearer}, or null for none
     * @param json the request body, sent as application/json; or null for none
     */
    static HttpResponse<String> send(String method, String path, String token, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, java.nio.charset.StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<String> header(HttpResponse<?> response, String name) {
        return response.headers().allValues(name);
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
