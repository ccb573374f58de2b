package dev.lorahub.converter.safetensors;

import static dev.lorahub.converter.safetensors.TestTensors.F32_TO_F16;
import static dev.lorahub.converter.safetensors.TestTensors.f32Bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.formats.safetensors.DType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.junit.jupiter.api.Test;

class ConvertingChannelTest {

    @Test
    void wholeWriteMatchesPythonTable() throws IOException {
        assertThat(convertInPieces(F32_TO_F16.length * 4)).containsExactly(expectedF16());
    }

    @Test
    void elementsSplitAcrossWritesMatchPythonTable() throws IOException {
        for (int pieceLength : new int[] {1, 3, 5, 7}) {
            assertThat(convertInPieces(pieceLength)).as("pieces of %d bytes", pieceLength)
                    .containsExactly(expectedF16());
        }
    }

    @Test
    void overflowsAreCounted() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConvertingChannel channel = new ConvertingChannel(Channels.newChannel(bytes), DType.F32, DType.F16);

        channel.write(ByteBuffer.wrap(inputBytes()));

        assertThat(channel.overflowCount()).isEqualTo(2);
        assertThat(channel.hasPartialElement()).isFalse();
    }

    @Test
    void partialElementIsKept() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConvertingChannel channel = new ConvertingChannel(Channels.newChannel(bytes), DType.F32, DType.F16);

        int accepted = channel.write(ByteBuffer.wrap(f32Bytes(0x3F800000, 0x40000000), 0, 6));

        assertThat(accepted).isEqualTo(6);
        assertThat(bytes.toByteArray()).containsExactly(0x00, 0x3C);
        assertThat(channel.hasPartialElement()).isTrue();
    }

    @Test
    void bf16IsWidenedToF32() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConvertingChannel channel = new ConvertingChannel(Channels.newChannel(bytes), DType.BF16, DType.F32);

        channel.write(ByteBuffer.wrap(TestTensors.shortBytes(0x3F80, 0xC049)));

        ByteBuffer written = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(written.getFloat()).isEqualTo(1.0f);
        assertThat(written.getInt()).isEqualTo(0xC0490000);
    }

    @Test
    void nonFloatDtypeRejected() {
        WritableByteChannel target = Channels.newChannel(new ByteArrayOutputStream());

        assertThatThrownBy(() -> new ConvertingChannel(target, DType.I32, DType.F16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid dtype conversion I32 → F16: expected F32, F16 or BF16");
    }

    private static byte[] inputBytes() {
        int[] bits = new int[F32_TO_F16.length];
        for (int index = 0; index < bits.length; index++) {
            bits[index] = F32_TO_F16[index][0];
        }
        return f32Bytes(bits);
    }

    private static short[] expectedF16() {
        short[] expected = new short[F32_TO_F16.length];
        for (int index = 0; index < expected.length; index++) {
            expected[index] = (short) F32_TO_F16[index][1];
        }
        return expected;
    }

    /** Writes the table's F32 bytes in pieces of {@code pieceLength} bytes and returns the F16 values written. */
    private static short[] convertInPieces(int pieceLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConvertingChannel channel = new ConvertingChannel(Channels.newChannel(bytes), DType.F32, DType.F16);
        byte[] input = inputBytes();
        for (int start = 0; start < input.length; start += pieceLength) {
            int length = Math.min(pieceLength, input.length - start);
            ByteBuffer piece = ByteBuffer.wrap(input, start, length);
            assertThat(channel.write(piece)).isEqualTo(length);
            assertThat(piece.hasRemaining()).isFalse();
        }
        short[] f16 = new short[F32_TO_F16.length];
        ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(f16);
        return f16;
    }
}
