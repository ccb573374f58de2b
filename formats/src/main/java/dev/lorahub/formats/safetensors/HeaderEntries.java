package dev.lorahub.formats.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorahub.formats.safetensors.SafetensorsException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of the header's {@code __metadata__} and tensor entries, with the checks that concern one
 * entry at a time. The checks across entries are in {@link DataLayout}.
 */
final class HeaderEntries {

    static final String METADATA_KEY = "__metadata__";

    private HeaderEntries() {}

    /**
     * Returns the {@code __metadata__} strings in header order, or an empty map when the key is absent or
     * null, which the Rust reader also reads as no metadata.
     */
    static Map<String, String> metadata(ObjectNode root) throws SafetensorsException {
        JsonNode node = root.get(METADATA_KEY);
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            throw new SafetensorsException(Reason.INVALID_METADATA, null, METADATA_KEY, HeaderJson.typeName(node));
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                String path = METADATA_KEY + "." + entry.getKey();
                throw new SafetensorsException(Reason.INVALID_METADATA, null, path, HeaderJson.typeName(value));
            }
            metadata.put(entry.getKey(), value.textValue());
        }
        return metadata;
    }

    /**
     * Returns the tensor entries in header order.
     *
     * @param maxOffset the largest data offset whose file position {@code dataOffset + offset} fits in a long
     */
    static List<TensorInfo> tensors(ObjectNode root, long maxOffset) throws SafetensorsException {
        List<TensorInfo> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getKey().equals(METADATA_KEY)) {
                tensors.add(tensor(entry.getKey(), entry.getValue(), maxOffset));
            }
        }
        return tensors;
    }

    private static TensorInfo tensor(String name, JsonNode entry, long maxOffset) throws SafetensorsException {
        if (!entry.isObject()) {
            throw invalidEntry(name, "entry", "a JSON object with dtype, shape and data_offsets", entry);
        }
        DType dtype = dtype(name, entry.get("dtype"));
        long[] shape = shape(name, entry.get("shape"), dtype);
        long[] offsets = offsets(name, entry.get("data_offsets"), maxOffset);
        TensorInfo tensor = new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
        TensorSize.check(tensor);
        return tensor;
    }

    private static DType dtype(String name, JsonNode node) throws SafetensorsException {
        if (node == null || !node.isTextual()) {
            throw invalidEntry(name, "dtype", "a string", node);
        }
        return DType.parse(node.textValue())
                .orElseThrow(() -> new SafetensorsException(Reason.UNKNOWN_DTYPE, name, node.textValue()));
    }

    private static long[] shape(String name, JsonNode node, DType dtype) throws SafetensorsException {
        if (node == null || !node.isArray() || !allIntegers(node)) {
            throw invalidEntry(name, "shape", "an array of integers", node);
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            BigInteger dimension = node.get(i).bigIntegerValue();
            if (dimension.signum() < 0) {
                throw new SafetensorsException(Reason.INVALID_SHAPE, name, shapeText(node));
            }
            if (dimension.bitLength() > 63) {
                throw new SafetensorsException(Reason.SIZE_OVERFLOW, name, shapeText(node), dtype);
            }
            shape[i] = dimension.longValueExact();
        }
        return shape;
    }

    private static long[] offsets(String name, JsonNode node, long maxOffset) throws SafetensorsException {
        if (node == null || !node.isArray() || node.size() != 2 || !allIntegers(node)) {
            throw invalidEntry(name, "data_offsets", "an array of two integers", node);
        }
        long[] offsets = new long[2];
        for (int i = 0; i < 2; i++) {
            BigInteger offset = node.get(i).bigIntegerValue();
            if (offset.signum() < 0 || offset.compareTo(BigInteger.valueOf(maxOffset)) > 0) {
                throw new SafetensorsException(Reason.OFFSET_OUT_OF_RANGE, name, offset, maxOffset);
            }
            offsets[i] = offset.longValueExact();
        }
        if (offsets[1] < offsets[0]) {
            throw new SafetensorsException(Reason.REVERSED_OFFSETS, name, offsets[0], offsets[1]);
        }
        return offsets;
    }

    /** Returns the shape as {@code [4, 320]}, the same text as {@code List.toString()}. */
    private static String shapeText(JsonNode array) {
        List<String> dimensions = new ArrayList<>();
        array.forEach(element -> dimensions.add(element.asText()));
        return dimensions.toString();
    }

    private static boolean allIntegers(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static SafetensorsException invalidEntry(String name, String field, String expected, JsonNode actual) {
        String actualText = actual == null ? "missing" : actual.toString();
        return new SafetensorsException(Reason.INVALID_ENTRY, name, field, expected, actualText);
    }
}
