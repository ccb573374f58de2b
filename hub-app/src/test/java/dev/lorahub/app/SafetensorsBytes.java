package dev.lorahub.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builds safetensors files byte by byte, including broken ones, for upload tests. */
final class SafetensorsBytes {

    private SafetensorsBytes() {
    }

    /** Returns the 8-byte little-endian header length, the header and the data, as given. */
    static byte[] of(String header, byte[] data) {
        return of(header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    /** Same, with a declared header length that may differ from the header's real length. */
    static byte[] of(long declaredLength, String header, byte[] data) {
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + headerBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(declaredLength).put(headerBytes).put(data);
        return buffer.array();
    }

    /** Builds a valid file with one F32 tensor of {@code count} random values, unique per seed. */
    static byte[] randomTensor(long seed, int count) {
        byte[] data = new byte[count * 4];
        new Random(seed).nextBytes(data);
        String header = "{\"weight\":{\"dtype\":\"F32\",\"shape\":[" + count + "],\"data_offsets\":[0," + data.length
                + "]}}";
        return of(header, data);
    }
}
