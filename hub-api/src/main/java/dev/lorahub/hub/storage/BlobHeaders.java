package dev.lorahub.hub.storage;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** Reads the safetensors header of a stored blob, fetching only the header's bytes from the store. */
public final class BlobHeaders {

    private static final int LENGTH_BYTES = 8;

    private BlobHeaders() {
    }

    /**
     * Returns the header of a stored safetensors file of {@code size} bytes. The reader checks the tensors' offsets
     * against the file size, so the channel it gets reports the blob's full size but holds only the header.
     */
    public static SafetensorsHeader read(BlobStore blobs, String sha256, long size)
            throws IOException, SafetensorsException {
        byte[] length;
        try (InputStream in = blobs.open(sha256, 0, Math.min(LENGTH_BYTES, size))) {
            length = in.readAllBytes();
        }
        long headerLength = length.length < LENGTH_BYTES ? 0
                : ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long prefix = LENGTH_BYTES + Math.max(0, Math.min(headerLength, SafetensorsReader.MAX_HEADER_LENGTH));
        byte[] bytes;
        try (InputStream in = blobs.open(sha256, 0, Math.min(prefix, size))) {
            bytes = in.readAllBytes();
        }
        return SafetensorsReader.read(new PrefixChannel(bytes, size));
    }

    /** A read-only channel over the first bytes of a file, reporting the whole file's size. */
    private static final class PrefixChannel implements SeekableByteChannel {

        private final byte[] bytes;
        private final long size;
        private long position;
        private boolean open = true;

        PrefixChannel(byte[] bytes, long size) {
            this.bytes = bytes;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            if (position >= size) {
                return -1;
            }
            if (position >= bytes.length) {
                throw new IOException("Only the header of the blob was fetched, not byte " + position);
            }
            int count = (int) Math.min(target.remaining(), bytes.length - position);
            target.put(bytes, (int) position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
