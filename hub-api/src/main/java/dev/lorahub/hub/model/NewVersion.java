package dev.lorahub.hub.model;

import java.util.List;

/** The version fields of an upload, already checked and defaulted. */
public record NewVersion(String name, String baseModel, List<String> trainedWords, String description) {
}
