package dev.lorahub.hub.model;

import java.util.Locale;

/**
 * Download names: the uploaded name made safe for a {@code Content-Disposition} header and for every file system the
 * file may land on, and made unique with the file id when another file already has it.
 */
public final class DownloadNames {

    static final int MAX_LENGTH = 200;
    static final String SAFETENSORS = ".safetensors";
    static final java.util.List<String> PICKLE_EXTENSIONS = java.util.List.of(".ckpt", ".pt", ".pth", ".bin");

    private DownloadNames() {
    }

    /** Returns the last path segment of an uploaded name, with characters that break headers or paths replaced. */
    public static String sanitize(String uploaded) {
        String name = uploaded == null ? "" : uploaded;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);

        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '_' : c));
        String cleaned = safe.toString().strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.isEmpty()) {
            cleaned = "model";
        }
        return shorten(cleaned);
    }

    /**
     * Gives a safetensors file the {@code .safetensors} extension that the SD web UIs look for, replacing a pickle
     * extension the file was uploaded under: {@code nezha.pt} becomes {@code nezha.safetensors}.
     */
    public static String asSafetensors(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(SAFETENSORS)) {
            return name;
        }
        for (String extension : PICKLE_EXTENSIONS) {
            if (lower.endsWith(extension) && lower.length() > extension.length()) {
                return name.substring(0, name.length() - extension.length()) + SAFETENSORS;
            }
        }
        return name + SAFETENSORS;
    }

    /** Inserts {@code _<fileId>} before the extension: {@code nezha.safetensors} becomes {@code nezha_12.safetensors}. */
    public static String withId(String name, long fileId) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return stem + "_" + fileId + extension;
    }

    private static boolean isUnsafe(int c) {
        return c < 0x20 || c == 0x7f || "\"=;\\/:*?<>|%".indexOf(c) >= 0 || Character.getType(c) == Character.FORMAT;
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
        String stem = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH - extension.length()));
        return stem + extension;
    }
}
