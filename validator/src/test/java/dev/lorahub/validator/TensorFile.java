package dev.lorahub.validator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builder of small safetensors files for tests: tensors laid out in order, header padded with spaces to 8 bytes. */
public final class TensorFile {

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> entries = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** Adds a tensor with the given little-endian data bytes. */
    public TensorFile add(String name, String dtype, long[] shape, byte[] bytes) {
        long begin = data.size();
        data.writeBytes(bytes);
        String shapeText = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
        entries.add("\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shapeText
                + ",\"data_offsets\":[" + begin + "," + data.size() + "]}");
        return this;
    }

    /** Adds an F32 tensor of zeros. */
    public TensorFile zeros(String name, long... shape) {
        return add(name, "F32", shape, new byte[(int) (Arrays.stream(shape).reduce(1, (x, y) -> x * y) * 4)]);
    }

    /** Adds an F32 tensor with these values. */
    public TensorFile f32(String name, long[] shape, float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return add(name, "F32", shape, buffer.array());
    }

    /** Adds a 16-bit tensor (F16 or BF16) with these raw element bits. */
    public TensorFile bits16(String name, String dtype, long[] shape, short... elements) {
        ByteBuffer buffer = ByteBuffer.allocate(elements.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short element : elements) {
            buffer.putShort(element);
        }
        return add(name, dtype, shape, buffer.array());
    }

    public TensorFile metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Returns the JSON header without padding. */
    public String headerJson() {
        List<String> parts = new ArrayList<>();
        if (!metadata.isEmpty()) {
            String pairs = metadata.entrySet().stream()
                    .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
                    .collect(Collectors.joining(","));
            parts.add("\"__metadata__\":{" + pairs + "}");
        }
        parts.addAll(entries);
        return "{" + String.join(",", parts) + "}";
    }

    /** Writes the file with its header padded with spaces to a multiple of 8 bytes. */
    public Path write(Path file) throws IOException {
        byte[] header = headerJson().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        byte[] paddedHeader = Arrays.copyOf(header, padded);
        Arrays.fill(paddedHeader, header.length, padded, (byte) ' ');
        return writeRaw(file, paddedHeader, data.toByteArray());
    }

    /** Writes the 8-byte length of the header, the header bytes as given, then the data bytes. */
    public static Path writeRaw(Path file, byte[] header, byte[] data) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(length.array());
        out.writeBytes(header);
        out.writeBytes(data);
        return Files.write(file, out.toByteArray());
    }

    /** Returns the tensor data written so far. */
    public byte[] data() {
        return data.toByteArray();
    }
}
