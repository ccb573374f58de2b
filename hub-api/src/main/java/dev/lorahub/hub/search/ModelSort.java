package dev.lorahub.hub.search;

import dev.lorahub.hub.problem.ProblemException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The orders of CivitAI's {@code sort} parameter. Each has a key column and ends with the model id, so a keyset cursor
 * of (key, id) neither skips nor repeats a model while the keys do not change. Ratings, likes, comments and
 * collections are not recorded yet, so the sorts by them order by the thumbs-up counter, which stays zero, and then by
 * id.
 */
public enum ModelSort {
    NEWEST("Newest", null, true),
    OLDEST("Oldest", null, false),
    MOST_DOWNLOADED("Most Downloaded", "m.downloadCount", true),
    HIGHEST_RATED("Highest Rated", "m.thumbsUpCount", true),
    MOST_LIKED("Most Liked", "m.thumbsUpCount", true),
    MOST_DISCUSSED("Most Discussed", "m.thumbsUpCount", true),
    MOST_COLLECTED("Most Collected", "m.thumbsUpCount", true);

    private final String apiName;
    private final String keyColumn;
    private final boolean descending;

    ModelSort(String apiName, String keyColumn, boolean descending) {
        this.apiName = apiName;
        this.keyColumn = keyColumn;
        this.descending = descending;
    }

    public static ModelSort parse(String value) {
        if (value == null || value.isBlank()) {
            return NEWEST;
        }
        return Arrays.stream(values())
                .filter(sort -> sort.apiName.equalsIgnoreCase(value.strip()))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("invalid-sort", value,
                        Arrays.stream(values()).map(sort -> sort.apiName).collect(Collectors.joining(", "))));
    }

    /** Returns the column compared before the id, or the id itself for the sorts by creation. */
    String keyColumn() {
        return keyColumn == null ? "m.id" : keyColumn;
    }

    boolean hasSecondaryKey() {
        return keyColumn != null;
    }

    String orderBy() {
        String direction = descending ? " desc" : " asc";
        return hasSecondaryKey() ? keyColumn + direction + ", m.id" + direction : "m.id" + direction;
    }

    /** Returns the condition that selects the models after a cursor's (key, id) in this order. */
    String after() {
        String beyond = descending ? " < " : " > ";
        if (!hasSecondaryKey()) {
            return "m.id" + beyond + ":cursorId";
        }
        return "(" + keyColumn + beyond + ":cursorKey or (" + keyColumn + " = :cursorKey and m.id" + beyond
                + ":cursorId))";
    }
}
