package dev.lorahub.hub.search;

import java.util.List;

/**
 * The filters, order and page of a model listing, already checked.
 *
 * @param query text matched case-insensitively against names, trigger words and tags; null for none
 * @param nsfw false to leave out models marked NSFW, as CivitAI's {@code nsfw=false}; null or true keeps them
 * @param cursor where keyset paging continues, or null
 * @param page the page number for numbered paging (from 1), or null for keyset paging
 * @param username only models of this account (any letter case), or null for all
 */
public record ModelQuery(
        String query,
        String tag,
        List<String> types,
        List<String> baseModels,
        List<Long> ids,
        Boolean nsfw,
        ModelSort sort,
        int limit,
        Cursor cursor,
        Integer page,
        String username) {
}
