package dev.lorahub.hub.upload;

import dev.lorahub.hub.problem.ProblemException;
import io.netty.buffer.ByteBuf;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * The body of an HTTP request as a blocking stream, for a worker thread, with a queue of up to {@value #HIGH_WATER}
 * network buffers between the event loop and the reader.
 *
 * <p>Quarkus REST's own request stream pauses the connection whenever one buffer waits, which costs an event-loop
 * wake-up per buffer of 64 KiB and held large uploads to about 250 MB/s here. This stream pauses only when the queue
 * is full and resumes once the reader has drained it to {@value #LOW_WATER}.
 */
public final class RequestBodyStream extends InputStream {

    static final int HIGH_WATER = 64;
    static final int LOW_WATER = 16;

    private final HttpServerRequest request;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private boolean started;
    private boolean paused;
    private boolean ended;
    private Throwable failure;

    /** Wraps the request; its body is taken over at the first read, so a request rejected before that is not read. */
    public RequestBodyStream(HttpServerRequest request) {
        this.request = request;
    }

    /**
     * Takes over the request's body. Quarkus REST hands the request over paused, so no byte is lost. A client that
     * sent {@code Expect: 100-continue} gets {@code 100 Continue} here, because Quarkus does not send it by itself
     * and curl would otherwise wait a second before sending the body.
     */
    private void start() {
        started = true;
        request.handler(buffer -> received(buffer.getByteBuf()));
        request.exceptionHandler(this::failed);
        request.endHandler(ignored -> ended());
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        request.resume();
    }

    @Override
    public int read() throws IOException {
        byte[] single = new byte[1];
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!started) {
            start();
        }
        while (queue.isEmpty()) {
            if (failure != null) {
                throw new ProblemException(400, "upload-aborted", String.valueOf(failure.getMessage()));
            }
            if (ended) {
                return -1;
            }
            awaitData();
        }
        ByteBuf head = queue.peek();
        int count = Math.min(length, head.readableBytes());
        head.readBytes(target, offset, count);
        if (!head.isReadable()) {
            queue.poll();
        }
        if (paused && queue.size() <= LOW_WATER) {
            paused = false;
            request.resume();
        }
        return count;
    }

    private void awaitData() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for upload data");
        }
    }

    private synchronized void received(ByteBuf buffer) {
        queue.add(buffer);
        if (!paused && queue.size() >= HIGH_WATER) {
            paused = true;
            request.pause();
        }
        notifyAll();
    }

    private synchronized void failed(Throwable cause) {
        failure = cause;
        notifyAll();
    }

    private synchronized void ended() {
        ended = true;
        notifyAll();
    }
}
