package dev.lorahub.formats.safetensors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parser of the JSON header bytes into a tree, with the UTF-8, JSON, object and duplicate-key checks. */
final class HeaderJson {

    private static final String DUPLICATE_FIELD_PREFIX = "Duplicate field '";

    /*
     * Duplicate keys are rejected because the reference Rust reader keeps the last one, which makes
     * two readers disagree about the same file. Trailing tokens after the object are rejected as the
     * Rust reader does, so NUL padding is invalid while space padding is valid JSON whitespace.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HeaderJson() {}

    /** Parses the header, which starts at byte 8 of the file, into its top-level JSON object. */
    static ObjectNode parse(byte[] header) throws SafetensorsException {
        checkUtf8(header);
        JsonNode root = readTree(header);
        if (root.isMissingNode()) {
            throw new SafetensorsException(SafetensorsException.Reason.INVALID_JSON, null, 8L, "the header is empty");
        }
        if (!root.isObject()) {
            throw new SafetensorsException(SafetensorsException.Reason.NOT_AN_OBJECT, null, typeName(root));
        }
        return (ObjectNode) root;
    }

    /** Returns the JSON type of a node in lower case, such as {@code array} or {@code string}. */
    static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Decodes the header in small chunks, only to find the first byte that is not valid UTF-8. */
    private static void checkUtf8(byte[] header) throws SafetensorsException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(header);
        CharBuffer output = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            output.clear();
            result = decoder.decode(input, output, true);
        } while (result.isOverflow());
        if (result.isError()) {
            throw new SafetensorsException(SafetensorsException.Reason.INVALID_UTF8, null, 8L + input.position());
        }
    }

    private static JsonNode readTree(byte[] header) throws SafetensorsException {
        try {
            return MAPPER.readTree(header);
        } catch (JsonProcessingException e) {
            throw toSafetensorsException(e);
        } catch (IOException e) {
            throw new SafetensorsException(SafetensorsException.Reason.INVALID_JSON, null, 8L, e.getMessage());
        }
    }

    private static SafetensorsException toSafetensorsException(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        // NOTE: Jackson 2.21 reports a duplicate key only through this message text, not a distinct type.
        if (message != null && message.startsWith(DUPLICATE_FIELD_PREFIX) && message.endsWith("'")) {
            String key = message.substring(DUPLICATE_FIELD_PREFIX.length(), message.length() - 1);
            return new SafetensorsException(SafetensorsException.Reason.DUPLICATE_KEY, null, key);
        }
        return new SafetensorsException(SafetensorsException.Reason.INVALID_JSON, null, fileOffset(e), message);
    }

    private static long fileOffset(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null) {
            return 8;
        }
        long offset = location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
        return 8 + Math.max(offset, 0);
    }
}
