package dev.lorahub.formats.hash;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A message digest that runs on its own thread, so that a second SHA-256 over the same bytes costs
 * almost no time on the writing thread.
 *
 * <p>The caller copies bytes into a fixed pool of chunks, because the caller may reuse its buffer
 * after a write returns. Full chunks go to the thread over a bounded queue and come back empty, so the
 * memory stays at {@link #CHUNK_COUNT} × {@link #CHUNK_SIZE} whatever the file size, and a slow digest
 * slows the writer down instead of queuing data. The thread starts with the first byte. It ends in
 * {@link #finish()} or {@link #stop()}, which the owner must call; the thread is a daemon, so a stream
 * that is never closed does not keep the JVM alive. Not thread-safe: one writing thread only.
 */
final class BackgroundDigest {

    static final int CHUNK_SIZE = 1 << 20;
    static final int CHUNK_COUNT = 4;

    /** Marker that ends the thread; it never contains data. */
    private static final Chunk END = new Chunk(0);

    private final MessageDigest digest;
    private final String threadName;
    /** Capacity for all chunks plus the end marker, so {@code add} never finds the queue full. */
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNK_COUNT + 1);
    private final BlockingQueue<Chunk> empty = new ArrayBlockingQueue<>(CHUNK_COUNT);
    private int allocatedChunks;
    private Chunk current;
    private Thread thread;
    private volatile Throwable failure;

    BackgroundDigest(MessageDigest digest, String threadName) {
        this.digest = digest;
        this.threadName = threadName;
    }

    /** Copies the bytes into chunks and hands each full chunk to the thread. */
    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
        while (length > 0) {
            if (current == null) {
                current = emptyChunk();
            }
            int copied = current.append(bytes, offset, length);
            offset += copied;
            length -= copied;
            if (current.isFull()) {
                filled.add(current);
                current = null;
            }
        }
    }

    /** Hands over the last chunk, waits for the thread to digest everything and returns the digest. */
    byte[] finish() throws IOException {
        if (current != null) {
            filled.add(current);
            current = null;
        }
        if (thread != null) {
            filled.add(END);
            join();
        }
        if (failure != null) {
            throw new IOException("background " + digest.getAlgorithm() + " failed", failure);
        }
        return digest.digest();
    }

    /**
     * Ends the thread without a result and waits until it has ended, which takes at most the digest of one
     * chunk. Does nothing when the thread has already ended or never started. Keeps the caller's interrupt.
     */
    void stop() {
        boolean interrupted = false;
        while (thread != null && thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Chunk emptyChunk() throws InterruptedIOException {
        Chunk chunk = empty.poll();
        if (chunk != null) {
            return chunk;
        }
        if (allocatedChunks < CHUNK_COUNT) {
            allocatedChunks++;
            startThread();
            return new Chunk(CHUNK_SIZE);
        }
        try {
            return empty.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the background " + digest.getAlgorithm());
        }
    }

    private void startThread() {
        if (thread == null) {
            thread = new Thread(this::digestChunks, threadName);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void digestChunks() {
        try {
            for (Chunk chunk = filled.take(); chunk != END; chunk = filled.take()) {
                digestChunk(chunk);
                empty.add(chunk.clear());
            }
        } catch (InterruptedException e) {
            // stop() ends the thread this way; the digest is discarded.
        }
    }

    /**
     * Digests one chunk. A failure is stored for {@link #finish()}, and the thread goes on returning chunks,
     * because the writer would otherwise wait forever for an empty one.
     */
    private void digestChunk(Chunk chunk) {
        if (failure != null) {
            return;
        }
        try {
            digest.update(chunk.bytes, 0, chunk.length);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private void join() throws InterruptedIOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the background " + digest.getAlgorithm());
        }
    }

    /** A reusable buffer and the number of bytes it contains. */
    private static final class Chunk {
        private final byte[] bytes;
        private int length;

        Chunk(int size) {
            bytes = new byte[size];
        }

        int append(byte[] source, int offset, int count) {
            int copied = Math.min(count, bytes.length - length);
            System.arraycopy(source, offset, bytes, length, copied);
            length += copied;
            return copied;
        }

        boolean isFull() {
            return length == bytes.length;
        }

        Chunk clear() {
            length = 0;
            return this;
        }
    }
}
