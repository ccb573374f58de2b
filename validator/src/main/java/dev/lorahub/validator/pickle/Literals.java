package dev.lorahub.validator.pickle;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Reads the argument of each opcode that pushes a constant and returns the value to push. Strings and
 * integers keep their value, because global names, persistent ids and tensor sizes are made of them.
 * Bytes values are skipped, and floats are not parsed.
 */
final class Literals {

    private Literals() {}

    static Object read(Opcode opcode, PickleInput in) throws IOException, PickleFormatException {
        return switch (opcode) {
            case NONE -> Opaque.NONE;
            case NEWTRUE -> Boolean.TRUE;
            case NEWFALSE -> Boolean.FALSE;
            case INT -> textInt(ascii(in.readLine()));
            case LONG -> textLong(ascii(in.readLine()));
            case FLOAT -> floatLine(in);
            case BINFLOAT -> skip(in, 8, "float");
            case BININT -> (long) (int) in.readLittleEndian(4);
            case BININT1 -> in.readLittleEndian(1);
            case BININT2 -> in.readLittleEndian(2);
            case LONG1 -> twosComplement(in.readBytes(in.readLittleEndian(1)));
            case LONG4 -> twosComplement(in.readBytes(signedLength(in)));
            case STRING -> Strings.decode(Strings.unquote(in.readLine(), in.position()));
            case BINSTRING -> Strings.decode(in.readBytes(signedLength(in)));
            case SHORT_BINSTRING -> Strings.decode(in.readBytes(in.readLittleEndian(1)));
            case UNICODE -> Strings.rawUnicodeEscape(in.readLine());
            case SHORT_BINUNICODE -> utf8(in.readBytes(in.readLittleEndian(1)));
            case BINUNICODE -> utf8(in.readBytes(in.readLittleEndian(4)));
            case BINUNICODE8 -> utf8(in.readBytes(in.readLittleEndian(8)));
            case SHORT_BINBYTES -> skip(in, in.readLittleEndian(1), "bytes");
            case BINBYTES -> skip(in, in.readLittleEndian(4), "bytes");
            case BINBYTES8 -> skip(in, in.readLittleEndian(8), "bytes");
            case BYTEARRAY8 -> skip(in, in.readLittleEndian(8), "bytearray");
            case NEXT_BUFFER -> new Opaque("buffer");
            default -> throw new IllegalArgumentException("not a literal opcode: " + opcode);
        };
    }

    /** Parses the text of INT: {@code 00} and {@code 01} are False and True, as protocol 0 writes booleans. */
    private static Object textInt(String text) {
        if (text.equals("00") || text.equals("01")) {
            return text.equals("01");
        }
        return textLong(text);
    }

    /** Parses decimal text, with the {@code L} suffix that LONG may carry; other text becomes an opaque int. */
    private static Object textLong(String text) {
        String digits = text.strip();
        if (digits.endsWith("L")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            return compact(new BigInteger(digits));
        } catch (NumberFormatException e) {
            return new Opaque("int");
        }
    }

    private static Object floatLine(PickleInput in) throws IOException, PickleFormatException {
        in.readLine();
        return new Opaque("float");
    }

    private static Object skip(PickleInput in, long length, String kind) throws IOException, PickleFormatException {
        in.skipBytes(length);
        return new Opaque(kind);
    }

    private static long signedLength(PickleInput in) throws IOException, PickleFormatException {
        long length = (int) in.readLittleEndian(4);
        if (length < 0) {
            throw new PickleFormatException("negative length " + length + " before byte " + in.position(),
                    in.position());
        }
        return length;
    }

    /** Decodes a little-endian two's complement integer, as LONG1 and LONG4 store it. */
    private static Object twosComplement(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return bigEndian.length == 0 ? (Object) 0L : compact(new BigInteger(bigEndian));
    }

    private static Object compact(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** Decodes UTF-8, replacing invalid bytes, so that the scan goes on where CPython would stop. */
    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
