package dev.lorahub.hub.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorahub.hub.model.NewModel;
import dev.lorahub.hub.model.NewVersion;
import dev.lorahub.hub.model.Visibility;
import dev.lorahub.hub.problem.JsonProblems;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks the {@code metadata} part of an upload and fills in what the uploader left out from the file itself. */
@ApplicationScoped
public class UploadRequests {

    public static final int NAME_MAX_LENGTH = 255;
    public static final int BASE_MODEL_MAX_LENGTH = 64;
    public static final int DESCRIPTION_MAX_LENGTH = 100_000;
    public static final int TAG_MAX_LENGTH = 100;
    public static final int WORD_MAX_LENGTH = 500;

    /** Most tags or trigger words a model or version takes; more only bloat every listing that shows them. */
    public static final int MAX_LIST_SIZE = 100;
    private static final String DEFAULT_VERSION_NAME = "v1.0";
    private static final Set<String> MULTILINE_FIELDS = Set.of("description", "versionDescription");

    @Inject
    ObjectMapper json;

    /** Parses the metadata part; a new model needs one with a {@code name}, a new version may come without it. */
    public UploadMetadata metadata(UploadParts parts, boolean nameRequired) {
        if (parts.metadataJson() == null && parts.files().isEmpty()) {
            throw ProblemException.badRequest("empty-upload");
        }
        UploadMetadata metadata = parse(parts.metadataJson());
        if (nameRequired && (metadata.name() == null || metadata.name().isBlank())) {
            throw ProblemException.badRequest("missing-name");
        }
        checkText("name", metadata.name(), NAME_MAX_LENGTH);
        checkText("versionName", metadata.versionName(), NAME_MAX_LENGTH);
        checkText("baseModel", metadata.baseModel(), BASE_MODEL_MAX_LENGTH);
        checkText("description", metadata.description(), DESCRIPTION_MAX_LENGTH);
        checkText("versionDescription", metadata.versionDescription(), DESCRIPTION_MAX_LENGTH);
        return metadata;
    }

    public NewModel model(UploadMetadata metadata, InspectedFile primary, long ownerId) {
        return new NewModel(
                ownerId,
                visibility(metadata.visibility()),
                metadata.name().strip(),
                type(metadata.type(), primary),
                metadata.description(),
                cleaned(metadata.tagsOrEmpty(), TAG_MAX_LENGTH, "tags"),
                UploadMetadata.orDefault(metadata.nsfw(), false),
                UploadMetadata.orDefault(metadata.poi(), false),
                UploadMetadata.orDefault(metadata.allowNoCredit(), true),
                metadata.commercialUseOrDefault(),
                UploadMetadata.orDefault(metadata.allowDerivatives(), true),
                UploadMetadata.orDefault(metadata.allowDifferentLicense(), true));
    }

    /** Builds the version fields; trigger words come from the uploader, else from the file's own metadata. */
    public NewVersion version(UploadMetadata metadata, InspectedFile primary) {
        List<String> words = metadata.trainedWords() != null
                ? cleaned(metadata.trainedWords(), WORD_MAX_LENGTH, "trainedWords")
                : primary.triggerWords();
        String baseModel = present(metadata.baseModel())
                ? BaseModelFit.canonical(metadata.baseModel())
                : primary.baseModelHint();
        if (present(metadata.baseModel())) {
            BaseModelFit.check(baseModel, primary);
        }
        String name = present(metadata.versionName()) ? metadata.versionName().strip() : DEFAULT_VERSION_NAME;
        return new NewVersion(name, baseModel == null ? "Other" : baseModel, words, metadata.versionDescription());
    }

    private UploadMetadata parse(String metadataJson) {
        if (metadataJson == null || metadataJson.isBlank()) {
            return new UploadMetadata(
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        try {
            return json.readValue(metadataJson, UploadMetadata.class);
        } catch (JsonProcessingException e) {
            throw JsonProblems.of("metadata", e);
        }
    }

    /** Checks a visibility name; absent means public, as on CivitAI where every model is public. */
    public static String visibility(String requested) {
        if (requested == null) {
            return Visibility.PUBLIC.apiName();
        }
        Visibility visibility = Visibility.parse(requested);
        if (visibility == null) {
            throw ProblemException.badRequest("invalid-visibility", requested);
        }
        return visibility.apiName();
    }

    private static String type(String requested, InspectedFile primary) {
        if (!present(requested)) {
            return ModelTypes.fromFacts(primary.lora(), primary.lora() != null
                    && primary.lora().layout() == dev.lorahub.formats.lora.LoraLayout.PEFT);
        }
        String type = ModelTypes.canonical(requested);
        if (type == null) {
            throw ProblemException.badRequest("invalid-type", requested, String.join(", ", ModelTypes.ALL));
        }
        return type;
    }

    public static List<String> cleaned(List<String> values, int maxLength, String field) {
        if (values.size() > MAX_LIST_SIZE) {
            throw ProblemException.badRequest("too-many-values", field, values.size(), MAX_LIST_SIZE);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            checkText(field, value, maxLength);
            unique.add(value.strip());
        }
        return List.copyOf(unique);
    }

    /** Rejects a text field that is too long or contains control characters, which no name or description needs. */
    public static void checkText(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.strip().length() > maxLength) {
            throw ProblemException.badRequest("value-too-long", field, maxLength);
        }
        boolean multiline = MULTILINE_FIELDS.contains(field);
        if (value.chars().anyMatch(c -> isForbidden(c, multiline))) {
            throw ProblemException.badRequest("control-characters", field);
        }
    }

    private static boolean isForbidden(int c, boolean multiline) {
        boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
        return Character.isISOControl(c) && !(multiline && lineBreakOrTab);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
