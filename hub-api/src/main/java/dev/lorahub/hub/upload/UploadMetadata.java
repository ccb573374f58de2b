package dev.lorahub.hub.upload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The {@code metadata} part of an upload. Field names follow CivitAI's model and version fields; only {@code name} is
 * required for a new model. Absent licence fields take CivitAI's permissive defaults (credit not required, every
 * commercial use, derivatives and relicensing allowed). {@code keepOriginal} also stores the original of a pickle
 * checkpoint beside its safetensors conversion. {@code visibility} is {@code public} (the default), {@code unlisted}
 * or {@code private}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadMetadata(
        String name,
        String type,
        String baseModel,
        List<String> trainedWords,
        List<String> tags,
        String description,
        String versionName,
        String versionDescription,
        Boolean nsfw,
        Boolean poi,
        Boolean allowNoCredit,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> allowCommercialUse,
        Boolean allowDerivatives,
        Boolean allowDifferentLicense,
        Boolean keepOriginal,
        String visibility) {

    static final List<String> DEFAULT_COMMERCIAL_USE = List.of("Image", "RentCivit", "Rent", "Sell");

    public List<String> trainedWordsOrEmpty() {
        return trainedWords == null ? List.of() : trainedWords;
    }

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }

    public List<String> commercialUseOrDefault() {
        return allowCommercialUse == null ? DEFAULT_COMMERCIAL_USE : allowCommercialUse;
    }

    static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
