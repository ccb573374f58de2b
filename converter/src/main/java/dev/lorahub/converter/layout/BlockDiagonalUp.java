package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.DiffusersPart;
import dev.lorahub.converter.safetensors.TensorSource;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/** Writer of the block-diagonal up factor that joins the diffusers parts of a fused Flux.1 or SD3 layer. */
final class BlockDiagonalUp {

    private static final int BUFFER_BYTES = 1 << 20;

    private BlockDiagonalUp() {}

    /** Returns the up factor [Σ rows_i, rank] with each part's rows in its own column range and zeros elsewhere. */
    static TensorSource of(List<LayoutConversion.ModuleInput> present, List<DiffusersPart> allParts,
            long rank) {
        return output -> {
            int elementBytes = present.get(0).module().up().dtype().bits() / 8;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(BUFFER_BYTES, rank * elementBytes));
            long column = 0;
            for (DiffusersPart part : allParts) {
                LayoutConversion.ModuleInput source = present.stream()
                        .filter(candidate -> candidate.module().diffusersPart().index() == part.index()).findFirst().orElse(null);
                long partRank = source == null ? 0 : source.module().rank();
                for (long row = 0; row < part.rows(); row++) {
                    if (buffer.remaining() < rank * elementBytes) {
                        flush(buffer, output);
                    }
                    int rowStart = buffer.position();
                    buffer.put(new byte[(int) (rank * elementBytes)]);
                    if (source != null) {
                        long position = source.position(source.module().up()) + row * partRank * elementBytes;
                        readFully(source, buffer.slice(rowStart + (int) (column * elementBytes),
                                (int) (partRank * elementBytes)), position);
                    }
                }
                column += partRank;
            }
            flush(buffer, output);
        };
    }

    private static void readFully(LayoutConversion.ModuleInput source, ByteBuffer target, long position)
            throws IOException {
        while (target.hasRemaining()) {
            if (source.input().read(target, position + target.position()) < 0) {
                throw new EOFException("input ended at byte " + (position + target.position()) + " while reading "
                        + source.module().up());
            }
        }
    }

    private static void flush(ByteBuffer buffer, WritableByteChannel output) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            output.write(buffer);
        }
        buffer.clear();
    }
}
