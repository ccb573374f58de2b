package dev.lorahub.hub.model.api;

/** CivitAI's file metadata: {@code format} ({@code SafeTensor}, {@code Other}), {@code size} and {@code fp}. */
public record FileMetadataResponse(String format, String size, String fp) {
}
