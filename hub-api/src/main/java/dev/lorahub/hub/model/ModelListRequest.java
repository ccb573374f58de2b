package dev.lorahub.hub.model;

import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.search.Cursor;
import dev.lorahub.hub.search.ModelQuery;
import dev.lorahub.hub.search.ModelSort;
import dev.lorahub.hub.upload.ModelTypes;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /api/v1/models}, checked. Accepts CivitAI's current names and the older
 * {@code type} and {@code pageSize} that some clients still send; repeated and comma-separated values both work.
 */
record ModelListRequest(MultivaluedMap<String, String> parameters) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 100;
    static final List<String> PERIODS = List.of("AllTime", "Year", "Month", "Week", "Day");

    static ModelListRequest from(MultivaluedMap<String, String> parameters) {
        return new ModelListRequest(parameters);
    }

    ModelQuery toQuery() {
        ModelSort sort = ModelSort.parse(first("sort"));
        checkPeriod();
        String cursor = first("cursor");
        Integer page = cursor == null ? positive("page") : null;
        return new ModelQuery(
                blankToNull(first("query")),
                blankToNull(first("tag")),
                types(),
                list("baseModels"),
                ids(),
                bool("nsfw"),
                sort,
                limit(),
                cursor == null ? null : Cursor.decode(cursor, sort),
                page,
                blankToNull(first("username")));
    }

    private List<String> types() {
        List<String> types = new ArrayList<>();
        for (String type : concat(list("types"), list("type"))) {
            String canonical = ModelTypes.canonical(type);
            if (canonical == null) {
                throw ProblemException.badRequest("invalid-type", type, String.join(", ", ModelTypes.ALL));
            }
            types.add(canonical);
        }
        return types;
    }

    /** Reads {@code primaryFileOnly}: true lists only each version's primary file. */
    boolean primaryFileOnly() {
        return Boolean.TRUE.equals(bool("primaryFileOnly"));
    }

    /**
     * Accepts CivitAI's {@code period} values. NOTE: every period lists as AllTime, because the hub keeps no
     * per-period download counts yet.
     */
    private void checkPeriod() {
        String period = first("period");
        if (period != null && !PERIODS.contains(period)) {
            throw ProblemException.badRequest("invalid-parameter", "period", period);
        }
    }

    private Boolean bool(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw ProblemException.badRequest("invalid-parameter", name, value);
        }
        return Boolean.valueOf(value);
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        for (String id : list("ids")) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-parameter", "ids", id);
            }
        }
        return ids;
    }

    private int limit() {
        String parameter = first("limit") != null ? "limit" : "pageSize";
        Integer limit = positive(parameter);
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit-out-of-range", parameter, limit, MAX_LIMIT);
        }
        return limit;
    }

    private Integer positive(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 1) {
                throw ProblemException.badRequest("invalid-parameter", name, value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-parameter", name, value);
        }
    }

    private String first(String name) {
        return parameters.getFirst(name);
    }

    private List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    values.add(item.strip());
                }
            }
        }
        return values;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
