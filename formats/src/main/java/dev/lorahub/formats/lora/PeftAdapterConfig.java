package dev.lorahub.formats.lora;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a PEFT {@code adapter_config.json} that describe a LoRA adapter.
 *
 * <p>NOTE: {@code rank_pattern} and {@code alpha_pattern}, which override {@code r} and
 * {@code lora_alpha} for single modules, are not read.
 *
 * @param r the default rank
 * @param loraAlpha {@code lora_alpha}, or null when the config has none
 * @param baseModelNameOrPath {@code base_model_name_or_path}, or null
 * @param peftType {@code peft_type}, such as {@code LORA}, or null
 * @param targetModules {@code target_modules} as a list; a single regular expression string becomes a
 *     one-element list, and an absent value an empty list
 */
public record PeftAdapterConfig(
        int r, Double loraAlpha, String baseModelNameOrPath, String peftType, List<String> targetModules) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public PeftAdapterConfig {
        targetModules = List.copyOf(targetModules);
    }

    /**
     * Parses {@code adapter_config.json}. The caller owns the stream and closes it.
     *
     * @throws IOException if the stream is not a JSON object, or {@code r} is not a positive integer, or
     *     {@code lora_alpha} is present but not a number
     */
    public static PeftAdapterConfig parse(InputStream json) throws IOException {
        JsonNode root = readObject(json);
        JsonNode r = root.path("r");
        if (!r.canConvertToExactIntegral() || !r.canConvertToInt() || r.asInt() <= 0) {
            throw new IOException("invalid adapter_config.json: r must be a positive integer, but is " + describe(r));
        }
        JsonNode alpha = root.path("lora_alpha");
        if (!alpha.isMissingNode() && !alpha.isNull() && !alpha.isNumber()) {
            throw new IOException("invalid adapter_config.json: lora_alpha must be a number, but is " + describe(alpha));
        }
        Double loraAlpha = alpha.isNumber() ? alpha.doubleValue() : null;
        return new PeftAdapterConfig(r.asInt(), loraAlpha, text(root, "base_model_name_or_path"),
                text(root, "peft_type"), targetModules(root.path("target_modules")));
    }

    private static JsonNode readObject(InputStream json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("invalid adapter_config.json: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("invalid adapter_config.json: must be a JSON object");
        }
        return root;
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "missing" : node.toString();
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.path(field);
        return node.isTextual() ? node.textValue() : null;
    }

    private static List<String> targetModules(JsonNode node) {
        List<String> modules = new ArrayList<>();
        if (node.isTextual()) {
            modules.add(node.textValue());
        }
        node.forEach(element -> {
            if (element.isTextual()) {
                modules.add(element.textValue());
            }
        });
        return modules;
    }
}
