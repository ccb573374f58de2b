package dev.lorahub.converter.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EarlyFlushTest {

    @Test
    void flushStartsEveryFlushBytes() throws IOException {
        ForceCountingChannel channel = new ForceCountingChannel(null);

        try (EarlyFlush flush = new EarlyFlush(channel)) {
            flush.written(EarlyFlush.FLUSH_BYTES - 1);
            flush.await();
            assertThat(channel.forceCount.get()).as("before the first threshold").isZero();

            flush.written(EarlyFlush.FLUSH_BYTES);
            flush.await();
            assertThat(channel.forceCount.get()).as("at the first threshold").isEqualTo(1);

            flush.written(EarlyFlush.FLUSH_BYTES + 1000);
            flush.await();
            assertThat(channel.forceCount.get()).as("short of the next threshold").isEqualTo(1);

            flush.written(2 * EarlyFlush.FLUSH_BYTES + 1000);
        }

        assertThat(channel.forceCount.get()).as("at the second threshold").isEqualTo(2);
        assertThat(channel.metadataRequested).as("force(true) requested").isFalse();
    }

    @Test
    void flushFailureRaisedOnClose() {
        ForceCountingChannel channel = new ForceCountingChannel(new IOException("No space left on device"));
        EarlyFlush flush = new EarlyFlush(channel);

        flush.written(EarlyFlush.FLUSH_BYTES);

        assertThatThrownBy(flush::close)
                .isInstanceOf(IOException.class)
                .hasMessage("Early flush of the output file failed: No space left on device");
    }

    /** A channel that only counts {@code force} calls, or fails them with the given exception. */
    private static final class ForceCountingChannel extends FileChannel {
        private final AtomicInteger forceCount = new AtomicInteger();
        private final IOException forceFailure;
        private volatile boolean metadataRequested;

        ForceCountingChannel(IOException forceFailure) {
            this.forceFailure = forceFailure;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            metadataRequested |= metaData;
            forceCount.incrementAndGet();
            if (forceFailure != null) {
                throw forceFailure;
            }
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {}
    }
}
