package dev.lorahub.converter.basemodel;

/**
 * One adaptable layer of a base model.
 *
 * <p>The path is the module path in the diffusers or Hugging Face Transformers model, prefixed for a
 * diffusion pipeline with its component ({@code unet.}, {@code text_encoder.}, {@code text_encoder_2.},
 * {@code transformer.}), because SDXL has two text encoders with the same module paths. Examples:
 * {@code unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k},
 * {@code text_encoder.text_model.encoder.layers.3.self_attn.q_proj},
 * {@code distilbert.transformer.layer.0.attention.q_lin}.
 *
 * @param path the module path
 * @param kind linear or convolution
 * @param kernelSize the side of the square convolution kernel, or 0 for a linear layer
 * @param inFeatures the input features of a linear layer or the input channels of a convolution
 * @param outFeatures the output features or output channels
 */
public record Layer(String path, LayerKind kind, int kernelSize, long inFeatures, long outFeatures) {

    public Layer {
        if (kind == LayerKind.LINEAR && kernelSize != 0) {
            throw new IllegalArgumentException("A linear layer has no kernel, but " + path + " has kernel size " + kernelSize);
        }
        if (kind == LayerKind.CONV && kernelSize < 1) {
            throw new IllegalArgumentException("Invalid kernel size " + kernelSize + " for convolution " + path);
        }
    }

    /** Returns a linear layer. */
    public static Layer linear(String path, long inFeatures, long outFeatures) {
        return new Layer(path, LayerKind.LINEAR, 0, inFeatures, outFeatures);
    }

    /** Returns a 2-D convolution with a square kernel. */
    public static Layer conv(String path, int kernelSize, long inChannels, long outChannels) {
        return new Layer(path, LayerKind.CONV, kernelSize, inChannels, outChannels);
    }

    /** Returns the shape in words, such as {@code linear 768→320} or {@code conv 3×3 320→640}. */
    public String describeShape() {
        String kernel = kind == LayerKind.CONV ? "conv " + kernelSize + "×" + kernelSize : "linear";
        return kernel + " " + inFeatures + "→" + outFeatures;
    }
}
