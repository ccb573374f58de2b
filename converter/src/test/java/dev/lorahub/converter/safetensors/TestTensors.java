package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Readers of whole tensors for tests, which only use small files, and the fixtures folder. */
public final class TestTensors {

    /**
     * F32 bits and the F16 bits that Python 3 {@code struct.pack('<e', x)} gives, or NumPy 2.4
     * {@code astype(np.float16)} for the overflows and infinities, where struct raises.
     */
    public static final int[][] F32_TO_F16 = {
        {0x3F800000, 0x3C00}, // 1.0
        {0x3DCCCCCD, 0x2E66}, // 0.1
        {0x477FEF00, 0x7BFF}, // 65519 rounds to 65504
        {0x477FF000, 0x7C00}, // 65520 overflows
        {0xC788B800, 0xFC00}, // -70000 overflows
        {0x33C00000, 0x0002}, // 3 × 2^-25
        {0x7FC00000, 0x7E00}, // NaN
        {0xFF800000, 0xFC00}, // -infinity, which is not an overflow
    };

    private TestTensors() {}

    /**
     * Returns the fixtures folder: the system property {@code fixtures.dir}, which Surefire sets, or
     * {@code ../../shared/fixtures} relative to the module folder.
     */
    public static Path fixtures() {
        String property = System.getProperty("fixtures.dir");
        return Path.of(property != null ? property : "../../shared/fixtures");
    }

    /** Returns the data bytes of the tensor. */
    public static ByteBuffer bytes(Path file, SafetensorsHeader header, TensorInfo tensor) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) tensor.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = header.dataOffset() + tensor.begin();
            while (buffer.hasRemaining()) {
                channel.read(buffer, position + buffer.position());
            }
        }
        return buffer.flip();
    }

    /** Returns the values of an F32, F16 or BF16 tensor, widened exactly to double. */
    public static double[] values(Path file, SafetensorsHeader header, TensorInfo tensor) throws IOException {
        ByteBuffer bytes = bytes(file, header, tensor);
        double[] values = new double[(int) tensor.elementCount()];
        for (int index = 0; index < values.length; index++) {
            int f32 = switch (tensor.dtype()) {
                case F32 -> bytes.getInt();
                case F16 -> FloatBits.f16ToF32(bytes.getShort());
                case BF16 -> FloatBits.bf16ToF32(bytes.getShort());
                default -> throw new IllegalArgumentException("Not a floating tensor: " + tensor);
            };
            values[index] = Float.intBitsToFloat(f32);
        }
        return values;
    }

    /** Returns little-endian bytes of F32 bit patterns. */
    public static byte[] f32Bytes(int... bits) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : bits) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    /** Returns little-endian bytes of 16-bit patterns, for F16 or BF16. */
    public static byte[] shortBytes(int... bits) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : bits) {
            buffer.putShort((short) value);
        }
        return buffer.array();
    }

    /** Returns an output tensor of the given bytes. */
    public static OutputTensor tensor(String name, DType dtype, long[] shape, byte[] data) {
        return new OutputTensor(name, dtype, shape, TensorSource.bytes(data));
    }
}
