package dev.lorahub.formats.safetensors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated header of a safetensors file: its {@code __metadata__} and its tensor entries.
 *
 * <p>The file is laid out as an 8-byte little-endian header length N, N bytes of JSON, then the data
 * section. A header from {@link SafetensorsReader} describes the whole file: the tensors cover the
 * data section from 0 to {@code dataLength} without holes or overlaps. It keeps no file open.
 *
 * @param headerLength N, the length in bytes of the JSON header, including any padding
 * @param metadata the {@code __metadata__} entries in header order; empty when the header has none
 * @param tensors the tensor entries sorted by their offsets, as they lie in the file
 * @param dataLength the length of the data section in bytes
 */
public record SafetensorsHeader(
        long headerLength, Map<String, String> metadata, List<TensorInfo> tensors, long dataLength) {

    public SafetensorsHeader {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /** Returns the file offset of the data section: 8 + {@code headerLength}. */
    public long dataOffset() {
        return 8 + headerLength;
    }

    /** Returns the length of the file that this header describes. */
    public long fileLength() {
        return dataOffset() + dataLength;
    }

    /** Returns the tensor with this name, or empty. The search is linear in the number of tensors. */
    public Optional<TensorInfo> tensor(String name) {
        return tensors.stream().filter(tensor -> tensor.name().equals(name)).findFirst();
    }
}
