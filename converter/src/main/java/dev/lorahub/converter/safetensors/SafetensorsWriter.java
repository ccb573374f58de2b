package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writer of safetensors files that streams each tensor from its {@link TensorSource}.
 *
 * <p>Tensors are sorted by dtype alignment (element size), largest first, then by name, with contiguous offsets
 * from 0. The JSON header starts with {@code {"} and is padded with spaces to a multiple of 8 bytes. Because the
 * data section then starts 8-byte aligned and sizes only decrease, every tensor starts at a multiple of its
 * element size. The file is written to a temporary file in the target's
 * folder, flushed to disk with fsync, re-read with {@link SafetensorsReader}, then moved over the target in one
 * atomic rename, which replaces an existing target. On any failure the temporary file is deleted and the target
 * is untouched. While tensors are written, {@link EarlyFlush} already starts writing their data to disk, so the
 * final fsync waits less.
 *
 * <p>The writer opens and closes its own output channel. It never closes the channels behind the sources,
 * such as the input of {@link TensorSource#region}: their owner closes them after {@link #write} returns.
 */
public final class SafetensorsWriter {

    private static final Comparator<OutputTensor> FILE_ORDER =
            Comparator.comparingInt(OutputTensor::alignment).reversed().thenComparing(OutputTensor::name);

    private SafetensorsWriter() {}

    /**
     * Writes the tensors and the {@code __metadata__} entries to {@code target}.
     *
     * @return the header of the written file, as {@link SafetensorsReader} read it back
     * @throws IllegalArgumentException if two tensors share a name
     * @throws IOException if a source or the file system fails, a source writes the wrong number of bytes,
     *     or the written file does not read back as planned
     */
    public static SafetensorsHeader write(Path target, Map<String, String> metadata, List<OutputTensor> tensors)
            throws IOException {
        List<OutputTensor> ordered = inFileOrder(tensors);
        byte[] header = HeaderBytes.of(metadata, ordered);
        Path folder = target.toAbsolutePath().getParent();
        // Files.createTempFile would give the result owner-only permissions, so the name is made unique here instead.
        Path temporary = Files.createFile(folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        boolean moved = false;
        try {
            writeFile(temporary, header, ordered);
            SafetensorsHeader written = verify(temporary, metadata, ordered);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return written;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static List<OutputTensor> inFileOrder(List<OutputTensor> tensors) {
        Set<String> names = new HashSet<>();
        for (OutputTensor tensor : tensors) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("Duplicate tensor name " + tensor.name() + ": names must be unique");
            }
        }
        List<OutputTensor> ordered = new ArrayList<>(tensors);
        ordered.sort(FILE_ORDER);
        return ordered;
    }

    private static void writeFile(Path file, byte[] header, List<OutputTensor> ordered) throws IOException {
        try (FileChannel output = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                EarlyFlush flush = new EarlyFlush(output)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(output, length);
            writeFully(output, ByteBuffer.wrap(header));
            for (OutputTensor tensor : ordered) {
                writeTensor(output, tensor);
                flush.written(output.position());
            }
            output.force(true);
        }
    }

    private static void writeTensor(FileChannel output, OutputTensor tensor) throws IOException {
        long start = output.position();
        // Sources get the file channel itself, so that a region source's transferTo copies file to file in the kernel.
        // Through a wrapper the same copy took 3.4 times as long (docs/benchmarks.md). Sources never close it.
        tensor.source().writeTo(output);
        long written = output.position() - start;
        if (written != tensor.byteLength()) {
            throw new IOException("Source of tensor " + tensor.name() + " wrote " + written + " bytes, expected "
                    + tensor.byteLength() + " for " + tensor.dtype() + " " + Arrays.toString(tensor.shape()));
        }
    }

    private static void writeFully(FileChannel output, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            output.write(buffer);
        }
    }

    /** Re-reads the written file and checks that every entry is where the plan put it. */
    private static SafetensorsHeader verify(Path file, Map<String, String> metadata, List<OutputTensor> ordered)
            throws IOException {
        SafetensorsHeader written;
        try {
            written = SafetensorsReader.read(file);
        } catch (SafetensorsException e) {
            throw new IOException("Written file " + file + " is not valid safetensors: " + e.getMessage(), e);
        }
        if (!written.metadata().equals(metadata)) {
            throw new IOException("Written file " + file + " has metadata " + written.metadata() + ", expected " + metadata);
        }
        long offset = 0;
        for (int index = 0; index < ordered.size(); index++) {
            OutputTensor planned = ordered.get(index);
            TensorInfo expected = new TensorInfo(planned.name(), planned.dtype(), planned.shape(),
                    offset, offset + planned.byteLength());
            if (index >= written.tensors().size() || !written.tensors().get(index).equals(expected)) {
                throw new IOException("Written file " + file + " does not match its plan at tensor " + expected);
            }
            offset += planned.byteLength();
        }
        if (written.tensors().size() != ordered.size()) {
            throw new IOException("Written file " + file + " has " + written.tensors().size() + " tensors, expected "
                    + ordered.size());
        }
        return written;
    }
}
