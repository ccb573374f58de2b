package dev.lorahub.formats.lora;

/**
 * Part of the base model that a LoRA module adapts, named as the diffusers pipeline components are
 * named. The declaration order is the order of {@link LoraFacts#targets()}.
 */
enum ModelComponent {
    UNET("unet"),
    TEXT_ENCODER("text_encoder"),
    TEXT_ENCODER_2("text_encoder_2"),
    /** The T5 encoder that kohya names {@code lora_te3_}, as in the diffusers SD3 pipeline. */
    TEXT_ENCODER_3("text_encoder_3"),
    /** The diffusion transformer of Flux.1 and SD3, which replaces the UNet. */
    TRANSFORMER("transformer");

    private final String apiName;

    ModelComponent(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }
}
