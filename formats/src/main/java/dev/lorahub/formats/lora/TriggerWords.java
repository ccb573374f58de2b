package dev.lorahub.formats.lora;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggested trigger words of a LoRA, taken from the safetensors metadata that training tools write.
 *
 * <p>{@code modelspec.trigger_phrase} (SAI model spec) wins when present. Otherwise kohya-ss's
 * {@code ss_tag_frequency}, a JSON object {@code {dataset_folder: {tag: count}}}, gives first the concept
 * names of the dataset folders and then the tags by their count summed over all folders.
 */
public final class TriggerWords {

    /** Maximum number of words returned. */
    public static final int MAX_WORDS = 10;

    /** A kohya DreamBooth-style folder name: {@code <repeats>_<concept>}, such as {@code 10_nezha}. */
    private static final Pattern CONCEPT_FOLDER = Pattern.compile("\\d+_(.+)");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TriggerWords() {}

    /**
     * Returns up to {@link #MAX_WORDS} trigger words, trimmed, without empty words and without repeats
     * that differ only in case. Returns an empty list when the metadata has neither key, or when
     * {@code ss_tag_frequency} is not an object of objects of integers.
     */
    public static List<String> fromMetadata(Map<String, String> metadata) {
        String phrase = metadata.get("modelspec.trigger_phrase");
        if (phrase != null && !phrase.isBlank()) {
            return distinct(Arrays.asList(phrase.split(",")));
        }
        String tagFrequency = metadata.get("ss_tag_frequency");
        if (tagFrequency == null) {
            return List.of();
        }
        return parseTagFrequency(tagFrequency).map(TriggerWords::distinct).orElse(List.of());
    }

    /** Returns the concept names, then the tags by summed count, descending; empty when malformed. */
    private static Optional<List<String>> parseTagFrequency(String json) {
        JsonNode datasets;
        try {
            datasets = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (datasets == null || !datasets.isObject()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> dataset : datasets.properties()) {
            if (!addCounts(dataset.getValue(), counts)) {
                return Optional.empty();
            }
            conceptName(dataset.getKey()).ifPresent(words::add);
        }
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> words.add(entry.getKey()));
        return Optional.of(words);
    }

    /** Adds one folder's tag counts to the totals; returns false when they are not an object of integers. */
    private static boolean addCounts(JsonNode tags, Map<String, Long> counts) {
        if (!tags.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            if (!tag.getValue().canConvertToExactIntegral() || !tag.getValue().canConvertToLong()) {
                return false;
            }
            counts.merge(tag.getKey().trim(), tag.getValue().asLong(), Long::sum);
        }
        return true;
    }

    private static Optional<String> conceptName(String folder) {
        Matcher matcher = CONCEPT_FOLDER.matcher(folder.trim());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static List<String> distinct(List<String> candidates) {
        List<String> words = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String candidate : candidates) {
            String word = candidate.trim();
            if (!word.isEmpty() && words.size() < MAX_WORDS && seen.add(word.toLowerCase(Locale.ROOT))) {
                words.add(word);
            }
        }
        return words;
    }
}
