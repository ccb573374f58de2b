package dev.lorahub.hub.model.api;

/** Counters of a model or version, in CivitAI's field names; ratings are not collected yet and stay zero. */
public record StatsResponse(
        long downloadCount, long favoriteCount, long thumbsUpCount, long thumbsDownCount, long commentCount,
        long ratingCount, double rating) {

    public static StatsResponse downloads(long downloadCount, long thumbsUpCount) {
        return new StatsResponse(downloadCount, 0, thumbsUpCount, 0, 0, 0, 0);
    }
}
