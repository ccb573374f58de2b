package dev.lorahub.converter.basemodel;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layer order in which cloneofsimo/lora numbers its modules ({@code unet:<index>}, {@code text_encoder:<index>}).
 *
 * <p>The tool walks {@code model.modules()} and, inside each module of a target class, adapts every
 * {@code Linear} in registration order. With its default targets that gives, in the UNet, per
 * transformer block {@code attn1.to_q, to_k, to_v, to_out.0}, then GEGLU's {@code ff.net.0.proj}, then
 * {@code attn2}, with the transformers of the down blocks first, then of the up blocks, then of the mid
 * block, because diffusers registers {@code up_blocks} before {@code mid_block}. In the text encoder each
 * CLIP attention gives {@code k_proj, v_proj, q_proj, out_proj}, the order in which Hugging Face
 * {@code CLIPAttention} defines them. The traversal is recalled from cloneofsimo/lora, not opened here, and
 * the shapes of the SD 1.5 fixture agree with it wherever the shapes differ.
 *
 * <p>NOTE: only the default targets (CrossAttention, Attention and GEGLU in the UNet, CLIPAttention in the
 * text encoder) are modelled. A file trained with extended targets, which its {@code __metadata__} lists,
 * maps to wrong layers, and the shape check then reports mismatches.
 */
final class CloneofsimoOrder {

    private static final List<String> UNET_ORDER =
            List.of("attn1.to_q", "attn1.to_k", "attn1.to_v", "attn1.to_out.0", "ff.net.0.proj",
                    "attn2.to_q", "attn2.to_k", "attn2.to_v", "attn2.to_out.0");
    private static final List<String> TEXT_ENCODER_ORDER =
            List.of("self_attn.k_proj", "self_attn.v_proj", "self_attn.q_proj", "self_attn.out_proj");
    private static final List<String> UNET_GROUPS = List.of("unet.down_blocks.", "unet.up_blocks.", "unet.mid_block.");

    /** Positional paths by base model; {@link BaseModel} has identity equality, so each catalogue entry is one key. */
    private static final Map<BaseModel, List<String>> UNET_PATHS = new ConcurrentHashMap<>();
    private static final Map<BaseModel, List<String>> TEXT_ENCODER_PATHS = new ConcurrentHashMap<>();

    private CloneofsimoOrder() {}

    /** Returns the layer path of a positional module name such as {@code unet:15}, or empty when it is out of range. */
    static Optional<String> layerPath(String moduleName, BaseModel base) {
        int colon = moduleName.indexOf(':');
        int index = Integer.parseInt(moduleName.substring(colon + 1));
        boolean isUnet = moduleName.startsWith("unet:");
        List<String> paths = (isUnet ? UNET_PATHS : TEXT_ENCODER_PATHS).computeIfAbsent(base,
                model -> isUnet ? unetPaths(model) : textEncoderPaths(model));
        return index < paths.size() ? Optional.of(paths.get(index)) : Optional.empty();
    }

    static List<String> unetPaths(BaseModel base) {
        List<String> paths = base.layers().stream()
                .map(Layer::path)
                .filter(path -> path.startsWith("unet.") && path.contains(".transformer_blocks.") && rank(path, UNET_ORDER) >= 0)
                .toList();
        Map<String, Integer> blockOrder = new HashMap<>();
        paths.forEach(path -> blockOrder.putIfAbsent(transformerBlock(path), blockOrder.size()));
        return paths.stream()
                .sorted(Comparator.<String>comparingInt(CloneofsimoOrder::unetGroup)
                        .thenComparingInt(path -> blockOrder.get(transformerBlock(path)))
                        .thenComparingInt(path -> rank(path, UNET_ORDER)))
                .toList();
    }

    static List<String> textEncoderPaths(BaseModel base) {
        return base.layers().stream()
                .map(Layer::path)
                .filter(path -> path.startsWith("text_encoder.") && rank(path, TEXT_ENCODER_ORDER) >= 0)
                .sorted(Comparator.comparingInt(CloneofsimoOrder::textLayerIndex)
                        .thenComparingInt(path -> rank(path, TEXT_ENCODER_ORDER)))
                .toList();
    }

    private static int unetGroup(String path) {
        for (int group = 0; group < UNET_GROUPS.size(); group++) {
            if (path.startsWith(UNET_GROUPS.get(group))) {
                return group;
            }
        }
        return UNET_GROUPS.size();
    }

    private static String transformerBlock(String path) {
        int blocks = path.indexOf(".transformer_blocks.");
        int end = path.indexOf('.', blocks + ".transformer_blocks.".length());
        return path.substring(0, end);
    }

    private static int textLayerIndex(String path) {
        String rest = path.substring("text_encoder.text_model.encoder.layers.".length());
        return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
    }

    /** Returns the position of the path's ending in the order, or -1 when it ends with none of them. */
    private static int rank(String path, List<String> order) {
        for (int position = 0; position < order.size(); position++) {
            if (path.endsWith("." + order.get(position))) {
                return position;
            }
        }
        return -1;
    }
}
