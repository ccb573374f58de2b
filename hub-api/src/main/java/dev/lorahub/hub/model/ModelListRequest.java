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

    static ModelListRequest from(MultivaluedMap<String, String> parameters) {
        return new ModelListRequest(parameters);
    }

    ModelQuery toQuery() {
        ModelSort sort = ModelSort.parse(first("sort"));
        String cursor = first("cursor");
        Integer page = cursor == null ? positive("page") : null;
        return new ModelQuery(
                blankToNull(first("query")),
                blankToNull(first("tag")),
                types(),
                list("baseModels"),
                ids(),
                first("nsfw") == null ? null : Boolean.valueOf(first("nsfw")),
                sort,
                limit(),
                cursor == null ? null : Cursor.decode(cursor, sort),
                page);
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
