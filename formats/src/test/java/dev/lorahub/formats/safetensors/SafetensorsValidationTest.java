package dev.lorahub.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lorahub.formats.Fixtures;
import dev.lorahub.formats.safetensors.SafetensorsException.Reason;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files, each breaking one rule, and the reason the reader gives for each. */
class SafetensorsValidationTest {

    private static final String ALPHA = "lora_unet_x.alpha";

    @TempDir
    Path folder;

    @Test
    void twoByteFile() throws Exception {
        SafetensorsException e = readBytes(new byte[] {1, 2});

        assertThat(e.reason()).isEqualTo(Reason.HEADER_TOO_SMALL);
        assertThat(e.arguments()).containsExactly(2L);
        assertThat(e.tensor()).isNull();
        assertThat(e).hasMessage("file is 2 bytes long, but a safetensors file needs at least 8");
    }

    @Test
    void headerLengthOverLimit() throws Exception {
        SafetensorsException e = readBytes(lengthPrefix(100_000_001L));

        assertThat(e.reason()).isEqualTo(Reason.HEADER_TOO_LARGE);
        assertThat(e.arguments()).containsExactly(100_000_001L, 100_000_000L);
    }

    @Test
    void headerLengthAsUnsigned() throws Exception {
        SafetensorsException e = readBytes(lengthPrefix(-1L));

        assertThat(e.reason()).isEqualTo(Reason.HEADER_TOO_LARGE);
        assertThat(e.arguments().get(0)).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void headerLengthBeyondFile() throws Exception {
        byte[] bytes = Arrays.copyOf(lengthPrefix(100), 50);

        SafetensorsException e = readBytes(bytes);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_HEADER_LENGTH);
        assertThat(e.arguments()).containsExactly(100L, 108L, 50L);
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] header = "{\"a\u00e9\":1}".getBytes(StandardCharsets.ISO_8859_1);

        SafetensorsException e = readBytes(Fixtures.safetensors(header, new byte[0]));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_UTF8);
        assertThat(e.arguments()).containsExactly(8L + 3);
    }

    @Test
    void headerNotJson() throws Exception {
        SafetensorsException e = read("{\"a\":", 0);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_JSON);
        assertThat(e.reason().code()).isEqualTo("invalid-json");
    }

    @Test
    void nulPaddingIsInvalidJson() throws Exception {
        byte[] header = "{}\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

        SafetensorsException e = readBytes(Fixtures.safetensors(header, new byte[0]));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_JSON);
    }

    @Test
    void emptyHeaderIsInvalidJson() throws Exception {
        assertThat(read("", 0).reason()).isEqualTo(Reason.INVALID_JSON);
    }

    @Test
    void headerJsonArray() throws Exception {
        SafetensorsException e = read("[1,2]", 0);

        assertThat(e.reason()).isEqualTo(Reason.NOT_AN_OBJECT);
        assertThat(e.arguments()).containsExactly("array");
    }

    @Test
    void duplicateTensorName() throws Exception {
        String entry = "{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}";

        SafetensorsException e = read("{\"w\":" + entry + ",\"w\":" + entry + "}", 1);

        assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_KEY);
        assertThat(e.arguments()).containsExactly("w");
    }

    @Test
    void duplicateKeyInsideEntry() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"U8\",\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1);

        assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_KEY);
        assertThat(e.arguments()).containsExactly("dtype");
    }

    @Test
    void entryNotObject() throws Exception {
        SafetensorsException e = read("{\"w\":5}", 0);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_ENTRY);
        assertThat(e.tensor()).isEqualTo("w");
        assertThat(e.arguments()).containsExactly("w", "entry", "a JSON object with dtype, shape and data_offsets", "5");
    }

    @Test
    void entryWithoutDtype() throws Exception {
        SafetensorsException e = read("{\"w\":{\"shape\":[1],\"data_offsets\":[0,1]}}", 1);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_ENTRY);
        assertThat(e).hasMessage("tensor w: dtype must be a string, but is missing");
    }

    @Test
    void offsetsNotPair() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0]}}", 1);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_ENTRY);
        assertThat(e.arguments().get(1)).isEqualTo("data_offsets");
    }

    @Test
    void shapeNotIntegers() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"U8\",\"shape\":[1.5],\"data_offsets\":[0,1]}}", 1);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_ENTRY);
        assertThat(e.arguments().get(1)).isEqualTo("shape");
    }

    @Test
    void unknownDtype() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_DTYPE);
        assertThat(e.arguments()).containsExactly("w", "F12");
    }

    @Test
    void negativeDimension() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"U8\",\"shape\":[4,-1],\"data_offsets\":[0,4]}}", 4);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_SHAPE);
        assertThat(e.arguments()).containsExactly("w", "[4, -1]");
    }

    @Test
    void shapeProductOverflow() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", 0);

        assertThat(e.reason()).isEqualTo(Reason.SIZE_OVERFLOW);
        assertThat(e.arguments()).containsExactly("w", "[4294967296, 4294967296]", DType.F32);
    }

    @Test
    void byteCountOverflow() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"F64\",\"shape\":[2305843009213693952],\"data_offsets\":[0,0]}}", 0);

        assertThat(e.reason()).isEqualTo(Reason.SIZE_OVERFLOW);
    }

    @Test
    void dimensionBeyondLong() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"U8\",\"shape\":[9223372036854775808],\"data_offsets\":[0,0]}}", 0);

        assertThat(e.reason()).isEqualTo(Reason.SIZE_OVERFLOW);
    }

    @Test
    void subByteDtypeMisaligned() throws Exception {
        SafetensorsException e = read("{\"w\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2);

        assertThat(e.reason()).isEqualTo(Reason.MISALIGNED_SIZE);
        assertThat(e.arguments()).containsExactly("w", List.of(3L), DType.F4, BigInteger.valueOf(12));
    }

    @Test
    void subByteDtypeAligned() throws Exception {
        Path file = Fixtures.write(folder, "f4.safetensors", Fixtures.safetensors(
                "{\"w\":{\"dtype\":\"F4\",\"shape\":[4],\"data_offsets\":[0,2]}}", new byte[2]));

        assertThat(SafetensorsReader.read(file).tensors().get(0).byteLength()).isEqualTo(2);
    }

    @Test
    void shapeAndSpanMismatch() throws Exception {
        SafetensorsException e = read("{\"" + ALPHA + "\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[0,6]}}", 6);

        assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH);
        assertThat(e.tensor()).isEqualTo(ALPHA);
        assertThat(e).hasMessage("tensor lora_unet_x.alpha: data_offsets [0, 6] span 6 bytes, but shape [] of F16 needs 2");
    }

    @Test
    void overlappingOffsets() throws Exception {
        SafetensorsException e = read("{" + u8("a", 0, 8) + "," + u8("b", 4, 12) + "}", 12);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_OFFSETS);
        assertThat(e.tensor()).isEqualTo("b");
        assertThat(e.arguments()).containsExactly("b", 4L, 12L, 8L);
    }

    @Test
    void holeBetweenTensors() throws Exception {
        SafetensorsException e = read("{" + u8("a", 0, 4) + "," + u8("b", 8, 12) + "}", 12);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_OFFSETS);
        assertThat(e.arguments()).containsExactly("b", 8L, 12L, 4L);
    }

    @Test
    void firstTensorNotAtZero() throws Exception {
        SafetensorsException e = read("{" + u8("a", 4, 8) + "}", 8);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_OFFSETS);
        assertThat(e.arguments()).containsExactly("a", 4L, 8L, 0L);
    }

    @Test
    void reversedOffsets() throws Exception {
        SafetensorsException e = read("{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[8,4]}}", 8);

        assertThat(e.reason()).isEqualTo(Reason.REVERSED_OFFSETS);
        assertThat(e.arguments()).containsExactly("a", 8L, 4L);
    }

    @Test
    void negativeOffset() throws Exception {
        SafetensorsException e = read("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[-4,0]}}", 0);

        assertThat(e.reason()).isEqualTo(Reason.OFFSET_OUT_OF_RANGE);
        assertThat(e.arguments().get(1)).isEqualTo(BigInteger.valueOf(-4));
    }

    @Test
    void offsetBeyondFilePositions() throws Exception {
        String header = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,18446744073709551616]}}";

        SafetensorsException e = read(header, 0);

        assertThat(e.reason()).isEqualTo(Reason.OFFSET_OUT_OF_RANGE);
        long maxOffset = Long.MAX_VALUE - 8 - header.length();
        assertThat(e.arguments()).containsExactly("a", new BigInteger("18446744073709551616"), maxOffset);
    }

    @Test
    void truncatedTensorData() throws Exception {
        SafetensorsException e = read("{" + u8("a", 0, 8) + "," + u8("b", 8, 16) + "}", 10);

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED_DATA);
        assertThat(e.tensor()).isEqualTo("b");
        assertThat(e.arguments()).containsExactly("b", 16L, 10L);
    }

    @Test
    void trailingBytes() throws Exception {
        SafetensorsException e = read("{" + u8("a", 0, 8) + "," + u8("b", 8, 16) + "}", 20);

        assertThat(e.reason()).isEqualTo(Reason.TRAILING_DATA);
        assertThat(e.arguments()).containsExactly(16L, 20L, 4L);
    }

    @Test
    void nonStringMetadataValue() throws Exception {
        SafetensorsException e = read("{\"__metadata__\":{\"epochs\":3}}", 0);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_METADATA);
        assertThat(e).hasMessage("__metadata__ must be a JSON object of strings, but __metadata__.epochs is a JSON number");
    }

    @Test
    void metadataNotObject() throws Exception {
        SafetensorsException e = read("{\"__metadata__\":[\"a\"]}", 0);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_METADATA);
        assertThat(e.arguments()).containsExactly("__metadata__", "array");
    }

    @Test
    void reasonCodesDistinct() {
        List<String> codes = Arrays.stream(Reason.values()).map(Reason::code).toList();

        assertThat(codes).doesNotHaveDuplicates();
        assertThat(codes).allMatch(code -> code.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void formatKeepsBracesOfArguments() {
        String message = Reason.UNKNOWN_DTYPE.format("w{1}", "F12");

        assertThat(message).isEqualTo("tensor w{1}: unknown dtype F12");
    }

    private SafetensorsException read(String header, int dataLength) throws Exception {
        return readBytes(Fixtures.safetensors(header, new byte[dataLength]));
    }

    private SafetensorsException readBytes(byte[] bytes) throws Exception {
        Path file = Fixtures.write(folder, "broken.safetensors", bytes);
        SafetensorsException e = catchThrowableOfType(SafetensorsException.class, () -> SafetensorsReader.read(file));
        assertThat(e).as("SafetensorsException from the reader").isNotNull();
        return e;
    }

    private static byte[] lengthPrefix(long headerLength) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array();
    }

    private static String u8(String name, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"U8\",\"shape\":[" + (end - begin) + "],\"data_offsets\":[" + begin + "," + end + "]}";
    }
}
