package dev.lorahub.hub.search;

import dev.lorahub.hub.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A keyset position: the sort it belongs to, the last model's sort key and id. Opaque to clients. */
public record Cursor(ModelSort sort, long key, long id) {

    private static final String VERSION = "c1";

    public String encode() {
        String plain = VERSION + ":" + sort.name() + ":" + key + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made for the given sort; a cursor of another sort or a damaged one is a bad request. */
    public static Cursor decode(String encoded, ModelSort expectedSort) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = plain.split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw ProblemException.badRequest("invalid-cursor", encoded);
            }
            Cursor cursor = new Cursor(ModelSort.valueOf(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            if (cursor.sort != expectedSort) {
                throw ProblemException.badRequest("invalid-cursor", encoded);
            }
            return cursor;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-cursor", encoded);
        }
    }
}
