package dev.lorahub.hub.upload;

import dev.lorahub.converter.basemodel.BaseModel;
import dev.lorahub.converter.basemodel.BaseModelDetector;
import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.basemodel.CompatibilityCheck;
import dev.lorahub.converter.basemodel.CompatibilityReport;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.hub.model.api.FindingResponse;
import dev.lorahub.hub.problem.LocalizedReason;
import dev.lorahub.hub.problem.LocalizedText;
import dev.lorahub.hub.problem.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Ties CivitAI base model names to the converter's layer catalogues: detects a LoRA's base model from its tensor
 * shapes and rejects a LoRA whose shapes contradict the base model its uploader declared.
 */
public final class BaseModelFit {

    private static final Logger LOG = Logger.getLogger(BaseModelFit.class);

    static final int MAX_REPORTED_MISMATCHES = 20;

    /** CivitAI names, lower case, of the base models whose layers the catalogue has; fine-tunes share their base. */
    static final Map<String, BaseModel> CATALOGUED = Map.ofEntries(
            Map.entry("sd 1.4", BaseModels.SD15),
            Map.entry("sd 1.5", BaseModels.SD15),
            Map.entry("sd 2.0", BaseModels.SD2),
            Map.entry("sd 2.0 768", BaseModels.SD2),
            Map.entry("sd 2.1", BaseModels.SD2),
            Map.entry("sd 2.1 768", BaseModels.SD2),
            Map.entry("sdxl 1.0", BaseModels.SDXL),
            Map.entry("sdxl turbo", BaseModels.SDXL),
            Map.entry("sdxl lightning", BaseModels.SDXL),
            Map.entry("sdxl hyper", BaseModels.SDXL),
            Map.entry("pony", BaseModels.SDXL),
            Map.entry("illustrious", BaseModels.SDXL),
            Map.entry("noobai", BaseModels.SDXL),
            Map.entry("sd 3.5 large", BaseModels.SD35_LARGE),
            Map.entry("sd 3.5 large turbo", BaseModels.SD35_LARGE),
            Map.entry("flux.1 d", BaseModels.FLUX1_DEV),
            Map.entry("flux.1 dev", BaseModels.FLUX1_DEV),
            Map.entry("flux.1 s", BaseModels.FLUX1_DEV),
            Map.entry("flux.1 schnell", BaseModels.FLUX1_DEV));

    /** CivitAI's spelling of common base model names, so that {@code sd 1.5} is stored as {@code SD 1.5}. */
    static final List<String> CIVITAI_NAMES = List.of(
            "SD 1.4", "SD 1.5", "SD 2.0", "SD 2.0 768", "SD 2.1", "SD 2.1 768", "SDXL 1.0", "SDXL Turbo",
            "SDXL Lightning", "SDXL Hyper", "Pony", "Illustrious", "NoobAI", "SD 3", "SD 3.5", "SD 3.5 Large",
            "SD 3.5 Large Turbo", "SD 3.5 Medium", "Flux.1 D", "Flux.1 S", "Other");

    private BaseModelFit() {
    }

    /** Returns CivitAI's spelling of a base model name given in any case, or the name as given when unknown. */
    public static String canonical(String baseModel) {
        String trimmed = baseModel.strip();
        return CIVITAI_NAMES.stream().filter(name -> name.equalsIgnoreCase(trimmed)).findFirst().orElse(trimmed);
    }

    /** Returns the CivitAI name of the base model the tensor shapes point to, when they point to one. */
    static Optional<String> detect(SafetensorsHeader header) {
        return BaseModelDetector.detect(header).baseModel().map(BaseModel::civitaiName);
    }

    /**
     * Rejects a LoRA with modules that do not fit the declared base model's layers (other shapes, or no such layer)
     * when its shapes point to another catalogued base model. Both conditions are needed because the catalogues were
     * written from the published architectures and cover the common layers. A gap in one of them alone must not
     * reject a valid upload, so such cases are logged for the catalogue to be corrected.
     */
    static void check(String declaredBaseModel, InspectedFile file) {
        if (file.lora() != null) {
            check(declaredBaseModel, file.header(), file.file().fileName());
        }
    }

    /** Checks a LoRA's header against a declared base model, as {@link #check(String, InspectedFile)} does. */
    public static void check(String declaredBaseModel, SafetensorsHeader header, String fileName) {
        BaseModel base = CATALOGUED.get(declaredBaseModel.strip().toLowerCase(Locale.ROOT));
        if (base == null) {
            return;
        }
        CompatibilityReport report = CompatibilityCheck.check(header, base);
        if (report.isCompatible()) {
            return;
        }
        Optional<BaseModel> detected = BaseModelDetector.detect(header).baseModel();
        if (detected.isEmpty() || detected.get() == base) {
            LOG.infof("LoRA %s declared for %s has %d modules that do not fit its catalogue (%d unknown); accepted"
                    + " because its shapes point to no other base model", fileName, declaredBaseModel,
                    report.mismatches().size(), report.unknown().size());
            return;
        }
        List<Object> reasons = report.mismatches().stream()
                .limit(MAX_REPORTED_MISMATCHES)
                .<Object>map(mismatch -> (LocalizedReason) (messages, locale) -> new FindingResponse(
                        "shape-mismatch", "rejected", mismatch.moduleName(), messages.text(new LocalizedText(
                                "finding.shape-mismatch", List.of(mismatch.expected().path(),
                                        mismatch.expected().describeShape(), mismatch.actual().describeShape()),
                                mismatch.describe()), locale)))
                .toList();
        throw new ProblemException(422, "base-model-mismatch", reasons, fileName, declaredBaseModel,
                report.mismatches().size(), report.unknown().size(), report.moduleCount(),
                detected.get().civitaiName());
    }
}
