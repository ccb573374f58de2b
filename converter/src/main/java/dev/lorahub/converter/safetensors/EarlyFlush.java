package dev.lorahub.converter.safetensors;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Flusher that starts writing a file's data to disk while the file is still being written, so that the final
 * fsync has little left to wait for. After every {@value #FLUSH_BYTES} bytes it calls {@code force(false)} on a
 * new thread, unless the previous flush is still running.
 *
 * <p>It only shortens the wait: the writer still calls {@code force(true)} at the end. {@link #close} waits for a
 * running flush and raises its failure. It never closes the channel.
 */
final class EarlyFlush implements AutoCloseable {

    /** Bytes written between two flushes. */
    static final long FLUSH_BYTES = 64L << 20;

    private final FileChannel output;
    private long flushedUpTo;
    private Thread running;
    private volatile IOException failure;

    EarlyFlush(FileChannel output) {
        this.output = output;
    }

    /** Starts a flush if {@value #FLUSH_BYTES} bytes were written since the last one and none is running. */
    void written(long position) {
        if (position - flushedUpTo < FLUSH_BYTES || (running != null && running.isAlive())) {
            return;
        }
        flushedUpTo = position;
        running = new Thread(this::flush, "safetensors-early-flush");
        running.setDaemon(true);
        running.start();
    }

    private void flush() {
        try {
            output.force(false);
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Waits for a running flush, and raises the failure of any flush as an {@link IOException}. */
    void await() throws IOException {
        boolean interrupted = false;
        while (running != null && running.isAlive()) {
            try {
                running.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IOException("Early flush of the output file failed: " + failure.getMessage(), failure);
        }
    }

    /** Waits as {@link #await} does. */
    @Override
    public void close() throws IOException {
        await();
    }
}
