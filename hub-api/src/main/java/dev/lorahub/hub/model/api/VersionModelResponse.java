package dev.lorahub.hub.model.api;

/** The summary of its model that a version carries. */
public record VersionModelResponse(String name, String type, boolean nsfw, boolean poi) {
}
