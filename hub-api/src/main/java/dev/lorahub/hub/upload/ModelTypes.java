package dev.lorahub.hub.upload;

import dev.lorahub.formats.lora.LoraFacts;
import java.util.List;

/** The model types the hub accepts: CivitAI's, plus the LyCORIS kinds and PEFT adapters it does not name. */
public final class ModelTypes {

    public static final List<String> ALL = List.of(
            "Checkpoint", "TextualInversion", "Hypernetwork", "AestheticGradient", "LORA", "LoCon", "DoRA", "LoHa",
            "LoKr", "PEFT", "Controlnet", "Upscaler", "MotionModule", "VAE", "TextEncoder", "UNet", "Poses",
            "Wildcards", "Workflows", "Other");

    private ModelTypes() {
    }

    /** Returns the accepted spelling of a type given in any case, or null when the hub does not know it. */
    public static String canonical(String type) {
        return ALL.stream().filter(known -> known.equalsIgnoreCase(type.trim())).findFirst().orElse(null);
    }

    /** Returns the type a file's LoRA facts suggest when the uploader names none. */
    public static String fromFacts(LoraFacts facts, boolean peft) {
        if (peft) {
            return "PEFT";
        }
        if (facts == null) {
            return "Other";
        }
        return switch (facts.networkType()) {
            case LORA -> "LORA";
            case LOCON -> "LoCon";
            case LOHA -> "LoHa";
            case LOKR -> "LoKr";
            case DORA -> "DoRA";
        };
    }
}
