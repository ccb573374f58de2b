package dev.lorahub.hub.download;

/**
 * One byte range of a file, from an HTTP {@code Range} header: {@code bytes=a-b}, {@code bytes=a-} or
 * {@code bytes=-n}.
 */
public record ByteRange(long start, long length) {

    /** The result of reading a {@code Range} header against a file size. */
    public sealed interface Parsed permits Whole, Partial, Unsatisfiable {
    }

    /** No usable range: send the whole file with 200. */
    public record Whole() implements Parsed {
    }

    /** A satisfiable single range: send it with 206. */
    public record Partial(ByteRange range) implements Parsed {
    }

    /** A range that lies beyond the file: respond with 416. */
    public record Unsatisfiable() implements Parsed {
    }

    public long end() {
        return start + length - 1;
    }

    /**
     * Reads a {@code Range} header. Headers in another unit, with several ranges or with bad syntax are ignored as RFC
     * 9110 allows, so the client gets the whole file.
     */
    public static Parsed parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            return dash == 0 ? suffix(Long.parseLong(spec.substring(1)), size) : span(spec, dash, size);
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    private static Parsed suffix(long count, long size) {
        if (count <= 0 || size == 0) {
            return new Unsatisfiable();
        }
        long length = Math.min(count, size);
        return new Partial(new ByteRange(size - length, length));
    }

    private static Parsed span(String spec, int dash, long size) {
        long first = Long.parseLong(spec.substring(0, dash));
        String lastText = spec.substring(dash + 1);
        long last = lastText.isEmpty() ? size - 1 : Math.min(Long.parseLong(lastText), size - 1);
        if (first < 0 || (!lastText.isEmpty() && Long.parseLong(lastText) < first)) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Partial(new ByteRange(first, last - first + 1));
    }
}
