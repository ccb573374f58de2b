package dev.lorahub.hub.edit;

import java.util.List;

/** The fields of a version to change; absent (null) fields stay as they are. */
public record VersionChanges(String name, String baseModel, List<String> trainedWords, String description) {
}
