package dev.lorahub.converter.basemodel;

/**
 * One diffusers module that adapts a row block of the output of a catalogue layer, or the whole layer under
 * another name. {@link DiffusersNames} lists the parts of the Flux.1 and SD3 transformer layers.
 *
 * @param module the diffusers module name, such as {@code transformer.transformer_blocks.0.attn.to_k}
 * @param index the position of the block among the layer's parts
 * @param rowOffset the first output row of the block in the layer
 * @param rows the number of output rows, or 0 when the part covers the whole output of an unsplit layer
 * @param swapsHalves whether the module's output is the layer's output with its two halves swapped
 */
public record DiffusersPart(String module, int index, long rowOffset, long rows, boolean swapsHalves) {

    /** A diffusers module and the catalogue layer that it belongs to. */
    public record Reference(String layerPath, DiffusersPart part) {}
}
