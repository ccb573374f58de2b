package dev.lorahub.validator.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoders of the text forms of pickle strings: quoted STRING, raw-unicode-escaped UNICODE, GLOBAL names. */
final class Strings {

    private Strings() {}

    /** Removes the matching quotes around a STRING argument and decodes its backslash escapes. */
    static byte[] unquote(byte[] line, long offset) throws PickleFormatException {
        int last = line.length - 1;
        if (line.length < 2 || line[0] != line[last] || (line[0] != '\'' && line[0] != '"')) {
            throw new PickleFormatException("STRING argument before byte " + offset + " is not quoted", offset);
        }
        return unescape(line, 1, last);
    }

    /**
     * Decodes the bytes of a protocol 0-2 string as UTF-8, or as Latin-1 when they are not valid UTF-8.
     * CPython uses the encoding that the caller of {@code pickle.load} chooses, ASCII by default, and torch
     * passes UTF-8. A wrong guess cannot let a global through, because only exact allowlist names pass.
     */
    static String decode(byte[] bytes) {
        try {
            return strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Decodes UTF-8 and fails on invalid bytes, as CPython does for the names of GLOBAL and INST. */
    static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Decodes {@code raw-unicode-escape}: Latin-1 bytes, except {@code \\uXXXX} and {@code \\UXXXXXXXX}. */
    static String rawUnicodeEscape(byte[] line) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            int digits = escapeDigits(line, i);
            if (digits > 0 && i + 2 + digits <= line.length) {
                String hex = new String(line, i + 2, digits, StandardCharsets.ISO_8859_1);
                try {
                    text.appendCodePoint(Integer.parseUnsignedInt(hex, 16));
                    i += 1 + digits;
                    continue;
                } catch (IllegalArgumentException e) {
                    // Not an escape: keep the bytes as they are.
                }
            }
            text.append((char) (line[i] & 0xff));
        }
        return text.toString();
    }

    private static int escapeDigits(byte[] line, int i) {
        if (line[i] != '\\' || i + 1 >= line.length) {
            return 0;
        }
        if (line[i + 1] == 'u') {
            return 4;
        }
        return line[i + 1] == 'U' ? 8 : 0;
    }

    /** Decodes the escapes of Python's {@code codecs.escape_decode} between {@code from} and {@code to}. */
    private static byte[] unescape(byte[] line, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            if (line[i] != '\\' || i + 1 >= to) {
                out.write(line[i]);
                continue;
            }
            i = unescapeOne(line, i + 1, to, out);
        }
        return out.toByteArray();
    }

    /** Writes the byte of the escape that starts after a backslash at {@code i}; returns its last index. */
    private static int unescapeOne(byte[] line, int i, int to, ByteArrayOutputStream out) {
        char c = (char) line[i];
        String escapeLetters = "\\'\"abfnrtv";
        String escapedBytes = "\\'\"\u0007\b\f\n\r\t\u000b";
        int known = escapeLetters.indexOf(c);
        if (c == '\n') {
            return i;
        }
        if (known >= 0) {
            out.write(escapedBytes.charAt(known));
            return i;
        }
        if (c >= '0' && c <= '7') {
            return number(line, i, Math.min(to, i + 3), 8, out);
        }
        if (c == 'x') {
            return number(line, i + 1, Math.min(to, i + 3), 16, out);
        }
        out.write('\\');
        out.write(c);
        return i;
    }

    private static int number(byte[] line, int start, int end, int radix, ByteArrayOutputStream out) {
        int value = 0;
        int i = start;
        while (i < end && Character.digit(line[i], radix) >= 0) {
            value = value * radix + Character.digit(line[i], radix);
            i++;
        }
        out.write(value & 0xff);
        return i - 1;
    }
}
