package dev.lorahub.hub.model.api;

/** The uploader of a model; {@code image} is the avatar URL, null when there is none. */
public record CreatorResponse(String username, String image) {
}
