package dev.lorahub.hub.download;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} header in the one form existing CivitAI clients parse: {@code attachment;
 * filename="NAME"} with the name's raw UTF-8 bytes and no other parameter. Those clients split on the first {@code =}
 * and decode the bytes as UTF-8, so an added {@code filename*=} would break them, while browsers and curl read UTF-8
 * names in this form.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * Returns the header value as a string of byte-valued characters, since the HTTP layer writes each character of a
     * header as one byte. The name must already be free of quotes, backslashes, {@code =} and control characters.
     */
    public static String attachment(String downloadName) {
        String value = "attachment; filename=\"" + downloadName + "\"";
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
