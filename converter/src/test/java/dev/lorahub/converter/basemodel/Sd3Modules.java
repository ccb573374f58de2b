package dev.lorahub.converter.basemodel;

import static dev.lorahub.converter.basemodel.Fixtures.shape;

import java.util.LinkedHashMap;
import java.util.Map;

/** diffusers module names and layer sizes of SD 3.5 Large, for generated LoRA headers. */
final class Sd3Modules {

    static final long HIDDEN = 2432;
    static final long MLP = 4 * HIDDEN;
    static final int RANK = 4;
    static final String FIRST_BLOCK = "transformer.transformer_blocks.0.";
    /** The last of the 38 blocks, whose text stream is pre-only. */
    static final String LAST_BLOCK = "transformer.transformer_blocks.37.";

    private Sd3Modules() {}

    /**
     * Returns the input and output size of every diffusers module of the first block and of the last block, which
     * lacks {@code attn.to_add_out} and {@code ff_context} and whose {@code norm1_context.linear} has 2 × hidden
     * outputs.
     */
    static Map<String, long[]> diffusersShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        addImageStream(shapes, FIRST_BLOCK);
        for (String part : new String[] {"attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj", "attn.to_add_out"}) {
            shapes.put(FIRST_BLOCK + part, new long[] {HIDDEN, HIDDEN});
        }
        shapes.put(FIRST_BLOCK + "ff_context.net.0.proj", new long[] {HIDDEN, MLP});
        shapes.put(FIRST_BLOCK + "ff_context.net.2", new long[] {MLP, HIDDEN});
        shapes.put(FIRST_BLOCK + "norm1_context.linear", new long[] {HIDDEN, 6 * HIDDEN});

        addImageStream(shapes, LAST_BLOCK);
        for (String part : new String[] {"attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"}) {
            shapes.put(LAST_BLOCK + part, new long[] {HIDDEN, HIDDEN});
        }
        shapes.put(LAST_BLOCK + "norm1_context.linear", new long[] {HIDDEN, 2 * HIDDEN});
        return shapes;
    }

    /** Returns a header with a rank-4 module of each shape, under its diffusers name or its PEFT name. */
    static Fixtures.HeaderBuilder header(Map<String, long[]> shapes, boolean peftNames) {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        shapes.forEach((module, sizes) -> addModule(builder, peftNames ? peftName(module) : module, sizes[0], sizes[1]));
        return builder;
    }

    static void addModule(Fixtures.HeaderBuilder builder, String module, long in, long out) {
        builder.module(module, ".lora_A.weight", ".lora_B.weight", shape(RANK, in), shape(out, RANK));
    }

    static String peftName(String diffusersModule) {
        return "base_model.model." + diffusersModule.substring("transformer.".length());
    }

    private static void addImageStream(Map<String, long[]> shapes, String block) {
        for (String part : new String[] {"attn.to_q", "attn.to_k", "attn.to_v", "attn.to_out.0"}) {
            shapes.put(block + part, new long[] {HIDDEN, HIDDEN});
        }
        shapes.put(block + "ff.net.0.proj", new long[] {HIDDEN, MLP});
        shapes.put(block + "ff.net.2", new long[] {MLP, HIDDEN});
        shapes.put(block + "norm1.linear", new long[] {HIDDEN, 6 * HIDDEN});
    }
}
