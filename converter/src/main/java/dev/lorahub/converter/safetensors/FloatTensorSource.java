package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Source of a floating-point tensor read from a file region, converted element by element to another
 * floating dtype and optionally multiplied by a scale, in chunks of {@value #CHUNK_ELEMENTS} elements.
 *
 * <p>Each element is widened exactly to F32, multiplied in F32 when the scale is not 1, then narrowed with
 * {@link FloatBits} (round to nearest, ties to even). A finite element that becomes infinite counts as an
 * overflow. The input channel stays open: its owner closes it after the writer returns.
 *
 * <p>When the output is a {@link FileChannel} and the tensor has at least twice {@value #MIN_PART_ELEMENTS}
 * elements, the tensor is cut into one part per available processor, at most {@value #MAX_PARTS}, and no part
 * smaller than {@value #MIN_PART_ELEMENTS} elements. The calling
 * thread converts the first part and a new thread each other part, and every thread writes its part at its own
 * position of the output. The result is the same bytes as a conversion on one thread.
 */
public final class FloatTensorSource implements TensorSource {

    /** The dtypes this source reads and writes. */
    public static final Set<DType> FLOAT_DTYPES = Set.of(DType.F32, DType.F16, DType.BF16);

    /** Elements per chunk: a thread's four chunk buffers take 384 KiB for F32 to F16, within a 512 KiB L2 cache. */
    private static final int CHUNK_ELEMENTS = 32768;
    /**
     * Smallest part worth a thread: 1 MiB of F32, about 0.3 ms of conversion on the project's machine, against
     * tens of microseconds to start a thread (an estimate, not measured here).
     */
    static final long MIN_PART_ELEMENTS = 1 << 18;
    private static final int MAX_PARTS = 8;

    private final FileChannel input;
    private final long position;
    private final long elementCount;
    private final DType from;
    private final DType to;
    private final float scale;
    private final int maxParts;
    private long overflowCount;

    private FloatTensorSource(FileChannel input, long position, long elementCount, DType from, DType to, float scale,
            int maxParts) {
        this.input = input;
        this.position = position;
        this.elementCount = elementCount;
        this.from = from;
        this.to = to;
        this.scale = scale;
        this.maxParts = maxParts;
    }

    /**
     * Returns a source of {@code elementCount} elements of dtype {@code from} at byte {@code position} of
     * {@code input}, written as {@code to} after multiplication by {@code scale}.
     *
     * @throws IllegalArgumentException if either dtype is not F32, F16 or BF16
     */
    public static FloatTensorSource of(FileChannel input, long position, long elementCount, DType from, DType to,
            float scale) {
        int maxParts = Math.min(MAX_PARTS, Runtime.getRuntime().availableProcessors());
        return of(input, position, elementCount, from, to, scale, maxParts);
    }

    /** Returns a source as {@link #of(FileChannel, long, long, DType, DType, float)} that uses up to {@code maxParts} threads. */
    static FloatTensorSource of(FileChannel input, long position, long elementCount, DType from, DType to,
            float scale, int maxParts) {
        if (!FLOAT_DTYPES.contains(from) || !FLOAT_DTYPES.contains(to)) {
            throw new IllegalArgumentException("Invalid dtype conversion " + from + " → " + to + ": expected F32, F16 or BF16");
        }
        return new FloatTensorSource(input, position, elementCount, from, to, scale, maxParts);
    }

    /** Returns the number of finite elements that became infinite in the last {@link #writeTo}. */
    public long overflowCount() {
        return overflowCount;
    }

    @Override
    public void writeTo(WritableByteChannel output) throws IOException {
        overflowCount = 0;
        int parts = (int) Math.min(maxParts, elementCount / MIN_PART_ELEMENTS);
        if (parts < 2 || !(output instanceof FileChannel file)) {
            overflowCount = convertRange(0, elementCount, output, null, 0);
            return;
        }
        long start = file.position();
        overflowCount = convertInParts(file, start, parts);
        file.position(start + elementCount * (to.bits() / 8));
    }

    /** Converts part 0 on this thread and the others on new threads, and returns the sum of their overflows. */
    private long convertInParts(FileChannel output, long outputStart, int parts) throws IOException {
        List<FutureTask<Long>> others = new ArrayList<>();
        for (int part = 1; part < parts; part++) {
            long first = elementCount * part / parts;
            long end = elementCount * (part + 1) / parts;
            FutureTask<Long> task = new FutureTask<>(() -> convertRange(first, end, null, output, outputStart));
            Thread thread = new Thread(task, "float-tensor-part-" + part);
            thread.setDaemon(true);
            thread.start();
            others.add(task);
        }
        long overflows;
        try {
            overflows = convertRange(0, elementCount / parts, null, output, outputStart);
        } catch (IOException | RuntimeException e) {
            try {
                sumOf(others);
            } catch (IOException | RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
        return overflows + sumOf(others);
    }

    /**
     * Waits for every task, even after one failed, so that no thread still writes when the writer moves on, and
     * returns the sum of their results or raises the first failure.
     */
    private static long sumOf(List<FutureTask<Long>> tasks) throws IOException {
        long sum = 0;
        Throwable failure = null;
        boolean interrupted = false;
        for (FutureTask<Long> task : tasks) {
            while (true) {
                try {
                    sum += task.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new IllegalStateException("Conversion thread failed: " + failure, failure);
        }
        return sum;
    }

    /**
     * Converts elements {@code first} to {@code end} (exclusive), writing them to {@code sequential} in order or,
     * when it is null, to {@code positional} at {@code outputStart} plus the range's offset in the tensor.
     */
    private long convertRange(long first, long end, WritableByteChannel sequential, FileChannel positional,
            long outputStart) throws IOException {
        ChunkConverter converter = new ChunkConverter(from, to, scale, (int) Math.min(CHUNK_ELEMENTS, end - first));
        int inSize = from.bits() / 8;
        int outSize = to.bits() / 8;
        long overflows = 0;
        for (long done = first; done < end; ) {
            int count = (int) Math.min(converter.chunkElements(), end - done);
            readChunk(converter.input(count), position + done * inSize);
            overflows += converter.convert(count);
            ByteBuffer out = converter.output();
            long outputPosition = outputStart + done * outSize;
            while (out.hasRemaining()) {
                if (sequential != null) {
                    sequential.write(out);
                } else {
                    positional.write(out, outputPosition + out.position());
                }
            }
            done += count;
        }
        return overflows;
    }

    private void readChunk(ByteBuffer in, long chunkPosition) throws IOException {
        while (in.hasRemaining()) {
            if (input.read(in, chunkPosition + in.position()) < 0) {
                throw new EOFException("input ended at byte " + (chunkPosition + in.position()) + " while reading a "
                        + from + " tensor at byte " + position);
            }
        }
    }
}
