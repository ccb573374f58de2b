package dev.lorahub.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A multipart/form-data body built the way browsers build one: raw UTF-8 in the filename parameter. */
final class MultipartBody {

    private final String boundary = "lorahub-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    MultipartBody metadata(String json) {
        part("Content-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json",
                json.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MultipartBody field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MultipartBody file(String fileName, Path content) {
        try {
            return file(fileName, Files.readAllBytes(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MultipartBody file(String fileName, byte[] content) {
        part("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream", content);
        return this;
    }

    /** Adds a file under a part name of the caller's choice, as a client that misnames the part would. */
    MultipartBody fileInPart(String partName, String fileName, byte[] content) {
        part("Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream", content);
        return this;
    }

    /** Adds a file part whose name is given only in RFC 5987 form, {@code filename*=UTF-8''<percent-encoded>}. */
    MultipartBody fileWithEncodedName(String percentEncodedName, byte[] content) {
        part("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''" + percentEncodedName + "\r\n"
                + "Content-Type: application/octet-stream", content);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream complete = new ByteArrayOutputStream();
        complete.writeBytes(body.toByteArray());
        complete.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return complete.toByteArray();
    }

    private void part(String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
