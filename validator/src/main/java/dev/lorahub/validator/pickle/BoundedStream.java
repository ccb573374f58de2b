package dev.lorahub.validator.pickle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stream that ends after a given number of bytes of the stream it wraps, such as a declared entry size. */
final class BoundedStream extends FilterInputStream {

    private long left;

    BoundedStream(InputStream in, long length) {
        super(in);
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int value = super.read();
        if (value >= 0) {
            left--;
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            return length == 0 ? 0 : -1;
        }
        int read = super.read(buffer, offset, (int) Math.min(length, left));
        if (read > 0) {
            left -= read;
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = super.skip(Math.min(count, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
