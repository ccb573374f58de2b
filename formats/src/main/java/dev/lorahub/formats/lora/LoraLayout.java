package dev.lorahub.formats.lora;

import java.util.Arrays;
import java.util.Optional;

/**
 * Tensor naming convention of a LoRA file. It identifies the tool that wrote the file and how each
 * tensor maps to a layer of the base model.
 */
public enum LoraLayout {
    /** kohya-ss sd-scripts: {@code lora_unet_<path>.lora_down.weight}, {@code .lora_up.weight}, {@code .alpha}. */
    KOHYA("kohya"),
    /** diffusers: {@code unet.<path>.lora.down.weight} or {@code .lora_A.weight}, also for text encoders and transformers. */
    DIFFUSERS("diffusers"),
    /** diffusers attention processors: {@code <path>.processor.to_q_lora.down.weight}, UNet only. */
    DIFFUSERS_ATTN_PROCESSOR("diffusers-attn-processor"),
    /** PEFT: {@code base_model.model.<path>.lora_A.weight}, with rank and alpha in {@code adapter_config.json}. */
    PEFT("peft"),
    /** cloneofsimo/lora: positional names {@code unet:<index>:down} and {@code text_encoder:<index>:up}. */
    CLONEOFSIMO("cloneofsimo"),
    /** LyCORIS LoHa and LoKr: kohya names with {@code .hada_w1_a} or {@code .lokr_w1} tensors. */
    LYCORIS("lycoris");

    private final String apiName;

    LoraLayout(String apiName) {
        this.apiName = apiName;
    }

    /** Returns the name used in the REST API and the CLI, such as {@code diffusers-attn-processor}. */
    public String apiName() {
        return apiName;
    }

    /** Returns the layout with this API name, or empty. */
    public static Optional<LoraLayout> fromApiName(String apiName) {
        return Arrays.stream(values()).filter(layout -> layout.apiName.equals(apiName)).findFirst();
    }
}
