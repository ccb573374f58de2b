package dev.lorahub.hub.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of models in CivitAI's envelope. */
public record ModelPage(List<ModelResponse> items, PageMetadata metadata) {

    /**
     * Paging links: {@code nextCursor} and {@code nextPage} (a URL) for keyset paging, plus the counts CivitAI gives
     * when a client pages by number.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PageMetadata(
            String nextCursor, String nextPage, Integer currentPage, Integer pageSize, Long totalItems,
            Integer totalPages) {
    }
}
