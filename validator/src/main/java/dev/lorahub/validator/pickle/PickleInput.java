package dev.lorahub.validator.pickle;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Byte source of the interpreter that counts its position and bounds every length it reads.
 *
 * <p>It does not close the stream, because the caller owns it.
 */
final class PickleInput {

    private final InputStream in;
    private final long maxStringLength;
    private final long maxStringBytes;
    private final long length;
    private long position;
    private long retainedBytes;

    /**
     * Creates an input of {@code length} bytes that rejects any string longer than {@code maxStringLength}
     * bytes, and more than {@code maxStringBytes} bytes of strings that the interpreter keeps in total.
     */
    PickleInput(InputStream in, long length, long maxStringLength, long maxStringBytes) {
        this.in = in.markSupported() ? in : new BufferedInputStream(in);
        this.length = length;
        this.maxStringLength = maxStringLength;
        this.maxStringBytes = maxStringBytes;
    }

    long position() {
        return position;
    }

    /** Returns the next byte, or -1 at the end of the stream. */
    int peekOrEnd() throws IOException {
        in.mark(1);
        int value = in.read();
        in.reset();
        return value;
    }

    int readByte() throws IOException, PickleFormatException {
        int value = in.read();
        if (value < 0) {
            throw new PickleFormatException("unexpected end of data at byte " + position, position);
        }
        position++;
        return value;
    }

    /** Reads a little-endian unsigned integer of 1 to 8 bytes; 8 bytes above 2^63 - 1 come back negative. */
    long readLittleEndian(int byteCount) throws IOException, PickleFormatException {
        long value = 0;
        for (int i = 0; i < byteCount; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    /** Reads a value of the given length after checking it against the string limits. */
    byte[] readBytes(long length) throws IOException, PickleFormatException {
        checkLength(length);
        retain(length);
        byte[] bytes = in.readNBytes((int) length);
        position += bytes.length;
        if (bytes.length < length) {
            throw new PickleFormatException("unexpected end of data at byte " + position, position);
        }
        return bytes;
    }

    /** Skips a value of the given length after checking it against the string length limit. */
    void skipBytes(long length) throws IOException, PickleFormatException {
        checkLength(length);
        byte[] chunk = new byte[8192];
        for (long left = length; left > 0; ) {
            int read = in.readNBytes(chunk, 0, (int) Math.min(left, chunk.length));
            position += read;
            left -= read;
            if (read == 0) {
                throw new PickleFormatException("unexpected end of data at byte " + position, position);
            }
        }
    }

    /** Reads the bytes up to a newline, without the newline. */
    byte[] readLine() throws IOException, PickleFormatException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = readByte(); b != '\n'; b = readByte()) {
            line.write(b);
            checkLimit(line.size());
        }
        retain(line.size());
        return line.toByteArray();
    }

    private void retain(long length) throws PickleFormatException {
        retainedBytes += length;
        if (retainedBytes > maxStringBytes) {
            throw PickleFormatException.limit(PickleRule.STRINGS_TOO_LARGE, position, retainedBytes, maxStringBytes);
        }
    }

    /** Checks a declared length: one that runs past the end of the data is a truncation, not a limit. */
    private void checkLength(long declared) throws PickleFormatException {
        if (declared < 0 || declared > length - position) {
            throw new PickleFormatException("a value of " + Long.toUnsignedString(declared) + " bytes at byte " + position
                    + " runs past the end of the data at byte " + length, position);
        }
        checkLimit(declared);
    }

    private void checkLimit(long size) throws PickleFormatException {
        if (size > maxStringLength) {
            throw PickleFormatException.limit(PickleRule.STRING_TOO_LONG, position, size, maxStringLength);
        }
    }
}
