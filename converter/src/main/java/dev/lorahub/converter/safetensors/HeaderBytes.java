package dev.lorahub.converter.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Serializer of a safetensors JSON header, padded with spaces so that its length is a multiple of 8. */
final class HeaderBytes {

    private static final JsonFactory JSON = new JsonFactory();

    private HeaderBytes() {}

    /**
     * Returns the header bytes: {@code __metadata__} first when it has entries, then the tensors in the given
     * order with contiguous offsets from 0. The JSON has no whitespace before the padding, so it starts with
     * {@code {"} for readers that check the first two bytes.
     */
    static byte[] of(Map<String, String> metadata, List<OutputTensor> orderedTensors) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(json)) {
            generator.writeStartObject();
            writeMetadata(generator, metadata);
            long offset = 0;
            for (OutputTensor tensor : orderedTensors) {
                writeEntry(generator, tensor, offset);
                offset += tensor.byteLength();
            }
            generator.writeEndObject();
        }
        return padded(json.toByteArray());
    }

    private static void writeMetadata(JsonGenerator generator, Map<String, String> metadata) throws IOException {
        if (metadata.isEmpty()) {
            return;
        }
        generator.writeObjectFieldStart("__metadata__");
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            generator.writeStringField(entry.getKey(), entry.getValue());
        }
        generator.writeEndObject();
    }

    private static void writeEntry(JsonGenerator generator, OutputTensor tensor, long offset) throws IOException {
        generator.writeObjectFieldStart(tensor.name());
        generator.writeStringField("dtype", tensor.dtype().name());
        generator.writeFieldName("shape");
        long[] shape = tensor.shape();
        generator.writeArray(shape, 0, shape.length);
        generator.writeFieldName("data_offsets");
        generator.writeArray(new long[] {offset, offset + tensor.byteLength()}, 0, 2);
        generator.writeEndObject();
    }

    /** Appends spaces up to a multiple of 8, so that the data section starts 8-byte aligned. */
    private static byte[] padded(byte[] json) {
        int length = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, length);
        Arrays.fill(header, json.length, length, (byte) ' ');
        return header;
    }
}
