package dev.lorahub.converter.basemodel;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of supported base models. Each layer list is generated from the architecture numbers of
 * the model's published configuration, which the comment on each factory names.
 */
public final class BaseModels {

    /**
     * SD 1.5. UNet numbers from {@code unet/config.json} of runwayml/stable-diffusion-v1-5:
     * {@code block_out_channels} [320, 640, 1280, 1280], {@code layers_per_block} 2, attention in the first
     * three levels with 1 transformer block, 8 heads, {@code cross_attention_dim} 768, {@code proj_in} as
     * 1×1 convolution. Text encoder: CLIP ViT-L/14 ({@code text_encoder/config.json}: 12 layers,
     * {@code hidden_size} 768, {@code intermediate_size} 3072). Values recalled from those files, which
     * could not be opened here. The fixture LoRAs agree with every shape they adapt.
     */
    public static final BaseModel SD15 = stableDiffusion("sd15", "SD 1.5", 768, false, 12, 768, 3072);

    /**
     * SD 2.1. UNet as SD 1.5 but {@code cross_attention_dim} 1024, heads of 64 ({@code attention_head_dim}
     * [5, 10, 20, 20]) and {@code use_linear_projection} true. Text encoder: OpenCLIP ViT-H/14, of which
     * diffusers keeps 23 of 24 layers ({@code num_hidden_layers} 23, {@code hidden_size} 1024,
     * {@code intermediate_size} 4096). From stabilityai/stable-diffusion-2-1 {@code unet/config.json} and
     * {@code text_encoder/config.json}, recalled and not opened here.
     */
    public static final BaseModel SD2 = stableDiffusion("sd2", "SD 2.1", 1024, true, 23, 1024, 4096);

    /**
     * SDXL 1.0 base. From stabilityai/stable-diffusion-xl-base-1.0 {@code unet/config.json}:
     * {@code block_out_channels} [320, 640, 1280], {@code transformer_layers_per_block} [1, 2, 10] with no
     * attention in the first level, {@code cross_attention_dim} 2048, linear projections,
     * {@code projection_class_embeddings_input_dim} 2816 (pooled 1280 + 6 × 256 size embeddings). Text
     * encoders: CLIP ViT-L/14 (12 × 768, MLP 3072) and OpenCLIP ViT-bigG/14 ({@code text_encoder_2}:
     * 32 × 1280, MLP 5120). Recalled from those files, which could not be opened here. The context width
     * 2048 and the input 2816 match the constants of kohya-ss sd-scripts' SDXL UNet.
     */
    public static final BaseModel SDXL = sdxl();

    /**
     * SD 3.5 Large. MMDiT of 38 joint blocks, hidden 64 × 38 = 2432, MLP ratio 4, from the {@code depth} of
     * Stability AI's reference {@code sd3_impls.py} and the diffusers {@code transformer/config.json}
     * ({@code num_layers} 38, 38 heads × {@code attention_head_dim} 64). Text encoders: CLIP ViT-L/14
     * ({@code lora_te1_}) and OpenCLIP ViT-bigG/14 ({@code lora_te2_}). Recalled, not opened here.
     * NOTE: the T5 encoder ({@code lora_te3_}) and SD3 Medium (24 blocks) are not catalogued.
     */
    public static final BaseModel SD35_LARGE = sd35Large();

    /**
     * Flux.1 dev. The {@code flux-dev} parameters of Black Forest Labs' reference code ({@code depth} 19,
     * {@code depth_single_blocks} 38, {@code num_heads} 24, {@code hidden_size} 3072, {@code mlp_ratio} 4,
     * {@code in_channels} 64, {@code vec_in_dim} 768, {@code context_in_dim} 4096),
     * which the diffusers {@code transformer/config.json} spells {@code num_layers}, {@code num_single_layers}
     * and 24 × {@code attention_head_dim} 128. Checked here only against copies of those parameters in other
     * projects. Text encoders: CLIP ViT-L/14 under {@code lora_te1_}, and T5-XXL v1.1 under {@code lora_te3_} and
     * the pipeline component {@code text_encoder_2} (24 blocks, {@code d_model} 4096, 64 heads × {@code d_kv} 64,
     * {@code d_ff} 10240, from the {@code google/t5-v1_1-xxl} config, recalled and not opened here).
     */
    public static final BaseModel FLUX1_DEV = flux1();

    /**
     * DistilBERT base ({@code distilbert-base-uncased} {@code config.json}: {@code n_layers} 6, {@code dim} 768,
     * {@code hidden_dim} 3072), with the paths of {@code DistilBertForSequenceClassification}. Recalled, and the
     * fixture adapter's {@code q_lin} and {@code v_lin} shapes agree.
     */
    public static final BaseModel DISTILBERT_BASE = distilbert();

    /**
     * GPT-2 small ({@code gpt2} {@code config.json}: {@code n_layer} 12, {@code n_embd} 768, MLP 4 × 768), with
     * the paths of {@code GPT2LMHeadModel}. Recalled, not opened here. Its {@code Conv1D} layers count as
     * linear, because PEFT gives them the same {@code [r, in]} and {@code [out, r]} factors.
     */
    public static final BaseModel GPT2 = gpt2();

    /**
     * Llama 3 8B ({@code meta-llama/Meta-Llama-3-8B} {@code config.json}: 32 layers, hidden 4096,
     * 32 heads, 8 key-value heads of 128, intermediate 14336), with the paths of {@code LlamaForCausalLM}.
     * Recalled, not opened here.
     */
    public static final BaseModel LLAMA3_8B = languageModel("llama3-8b", "Llama 3 8B", 32,
            LanguageModelLayers.llamaLayer(4096, 8, 128, 14336));

    /**
     * Qwen2.5 7B ({@code Qwen/Qwen2.5-7B} {@code config.json}: 28 layers, hidden 3584, 28 heads,
     * 4 key-value heads of 128, intermediate 18944). Checked against copies of that config in fine-tuned models.
     */
    public static final BaseModel QWEN25_7B = languageModel("qwen2.5-7b", "Qwen2.5 7B", 28,
            LanguageModelLayers.llamaLayer(3584, 4, 128, 18944));

    private static final List<BaseModel> ALL =
            List.of(SD15, SD2, SDXL, SD35_LARGE, FLUX1_DEV, DISTILBERT_BASE, GPT2, LLAMA3_8B, QWEN25_7B);

    private BaseModels() {}

    /** Returns every catalogued base model. */
    public static List<BaseModel> all() {
        return ALL;
    }

    /** Returns the base model with this id, such as {@code sd15}, or empty. */
    public static Optional<BaseModel> byId(String id) {
        return ALL.stream().filter(model -> model.id().equals(id)).findFirst();
    }

    private static BaseModel stableDiffusion(String id, String civitaiName, int context, boolean linearProjection,
            int textLayers, int textHidden, int textMlp) {
        LayerList layers = new LayerList();
        UnetLayers.addTo(layers, new UnetArchitecture(
                List.of(320, 640, 1280, 1280), List.of(1, 1, 1, 0), 1, context, linearProjection, 0, false));
        ClipTextLayers.addTo(layers, "text_encoder", "lora_te_", textLayers, textHidden, textMlp);
        return layers.build(id, civitaiName);
    }

    private static BaseModel sdxl() {
        LayerList layers = new LayerList();
        UnetLayers.addTo(layers, new UnetArchitecture(
                List.of(320, 640, 1280), List.of(0, 2, 10), 10, 2048, true, 2816, true));
        ClipTextLayers.addTo(layers, "text_encoder", "lora_te1_", 12, 768, 3072);
        ClipTextLayers.addTo(layers, "text_encoder_2", "lora_te2_", 32, 1280, 5120);
        return layers.build("sdxl", "SDXL 1.0");
    }

    private static BaseModel sd35Large() {
        LayerList layers = new LayerList();
        MmditLayers.addTo(layers, 38, 4);
        ClipTextLayers.addTo(layers, "text_encoder", "lora_te1_", 12, 768, 3072);
        ClipTextLayers.addTo(layers, "text_encoder_2", "lora_te2_", 32, 1280, 5120);
        return layers.build("sd35-large", "SD 3.5 Large");
    }

    private static BaseModel flux1() {
        LayerList layers = new LayerList();
        FluxLayers.addTo(layers, 19, 38, 3072, 4 * 3072);
        ClipTextLayers.addTo(layers, "text_encoder", "lora_te1_", 12, 768, 3072);
        T5EncoderLayers.addTo(layers, "text_encoder_2", "lora_te3_", 24, 4096, 64 * 64, 10240);
        return layers.build("flux1-dev", "Flux.1 D");
    }

    private static BaseModel distilbert() {
        LayerList layers = new LayerList();
        LanguageModelLayers.addTo(layers, "distilbert.transformer.layer.%d", 6, List.of(
                Layer.linear("attention.q_lin", 768, 768),
                Layer.linear("attention.k_lin", 768, 768),
                Layer.linear("attention.v_lin", 768, 768),
                Layer.linear("attention.out_lin", 768, 768),
                Layer.linear("ffn.lin1", 768, 3072),
                Layer.linear("ffn.lin2", 3072, 768)));
        return layers.build("distilbert-base", "DistilBERT base");
    }

    /** GPT-2's {@code c_attn} projects to q, k and v at once: 768 → 3 × 768. */
    private static BaseModel gpt2() {
        LayerList layers = new LayerList();
        LanguageModelLayers.addTo(layers, "transformer.h.%d", 12, List.of(
                Layer.linear("attn.c_attn", 768, 3 * 768),
                Layer.linear("attn.c_proj", 768, 768),
                Layer.linear("mlp.c_fc", 768, 3072),
                Layer.linear("mlp.c_proj", 3072, 768)));
        return layers.build("gpt2", "GPT-2");
    }

    private static BaseModel languageModel(String id, String name, int layerCount, List<Layer> perLayer) {
        LayerList layers = new LayerList();
        LanguageModelLayers.addTo(layers, "model.layers.%d", layerCount, perLayer);
        return layers.build(id, name);
    }
}
