package dev.lorahub.hub.model.api;

import java.util.List;

/** The validator's report on a file: {@code verdict} is {@code ok}, {@code warning} or {@code rejected}. */
public record ValidationResponse(String verdict, List<FindingResponse> findings) {
}
