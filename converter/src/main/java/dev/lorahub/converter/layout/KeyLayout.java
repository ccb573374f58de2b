package dev.lorahub.converter.layout;

/**
 * Tensor naming convention that {@link LayoutConversion} reads and writes, for Stable Diffusion LoRAs whose
 * layers are catalogued under {@code unet.}, {@code text_encoder.} or {@code text_encoder_2.}, and for the
 * Flux.1 and SD3 transformers in every layout but {@link #DIFFUSERS_LEGACY}. {@link #DIFFUSERS_ATTN_PROCESSOR} and
 * {@link #CLONEOFSIMO} are only read. Each module has a down (A, {@code [r, in]}) and an up (B, {@code [out, r]})
 * factor.
 */
public enum KeyLayout {
    /**
     * kohya-ss sd-scripts: {@code lora_unet_<path with _>.lora_down.weight}, {@code .lora_up.weight} and the
     * scalar {@code .alpha}, which scales the product by alpha / rank.
     */
    KOHYA,
    /** diffusers with PEFT: {@code unet.<path>.lora_A.weight} and {@code .lora_B.weight}, no alpha (scale 1). */
    DIFFUSERS,
    /**
     * diffusers before PEFT: {@code unet.<path>.lora.down.weight} and {@code .lora.up.weight}, and for text
     * encoders {@code text_encoder.<path>.lora_linear_layer.down.weight} and {@code .up.weight}. No alpha.
     */
    DIFFUSERS_LEGACY,
    /**
     * PEFT {@code get_peft_model_state_dict} of the wrapped component: {@code base_model.model.<path>.lora_A.weight}
     * and {@code .lora_B.weight}, with the path relative to the UNet, the first text encoder or the Flux.1
     * or SD3 transformer ({@code base_model.model.transformer_blocks.0.attn.to_q}). No alpha in the file.
     */
    PEFT,
    /**
     * diffusers attention processors, read only: {@code <unet path>.processor.to_q_lora.down.weight} and
     * {@code .up.weight} for {@code to_q}, {@code to_k}, {@code to_v} and {@code to_out} ({@code to_out.0}), with
     * or without the {@code unet.} prefix. No alpha.
     */
    DIFFUSERS_ATTN_PROCESSOR,
    /**
     * cloneofsimo/lora, read only: {@code unet:<index>:down} and {@code text_encoder:<index>:up}, numbered in the
     * tool's traversal of an SD 1.x UNet and text encoder. No alpha.
     */
    CLONEOFSIMO;

    static final String PEFT_PREFIX = "base_model.model.";

    /** The layouts a conversion can write, as messages list them. */
    static final String WRITABLE = "kohya, diffusers, diffusers-legacy or peft";

    /**
     * Returns the layout's name as the hub's API and messages spell it, such as {@code diffusers-legacy}, so that an
     * error message shows users the value they send rather than a Java constant.
     */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Returns whether files of this layout store a per-module alpha. */
    public boolean storesAlpha() {
        return this == KOHYA;
    }

    /** Returns whether {@link LayoutConversion} can write files of this layout. */
    public boolean isWritable() {
        return this != DIFFUSERS_ATTN_PROCESSOR && this != CLONEOFSIMO;
    }

    /** Returns the tensor name of a factor or alpha of the module with this name in this layout. */
    String tensorName(String module, FactorRole role) {
        return module + switch (this) {
            case KOHYA -> role.kohyaSuffix();
            case DIFFUSERS, PEFT -> role.peftSuffix();
            case DIFFUSERS_LEGACY -> module.startsWith("unet.") ? role.legacyUnetSuffix() : role.legacyTextSuffix();
            case DIFFUSERS_ATTN_PROCESSOR, CLONEOFSIMO -> throw new IllegalArgumentException(
                    "Layout " + this + " is read only: choose " + KeyLayout.WRITABLE);
        };
    }
}
