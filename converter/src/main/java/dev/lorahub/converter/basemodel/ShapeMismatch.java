package dev.lorahub.converter.basemodel;

/**
 * A LoRA module whose layer exists in the base model with a different shape.
 *
 * @param moduleName the module name in the file's spelling
 * @param expected the layer of the base model
 * @param actual the shape that the module's down and up factors fit, under the same path
 */
public record ShapeMismatch(String moduleName, Layer expected, Layer actual) {

    /** Returns a one-line description such as {@code unet.….attn2.to_k: expected linear 1024→320, found linear 768→320}. */
    public String describe() {
        return expected.path() + ": expected " + expected.describeShape() + ", found " + actual.describeShape();
    }
}
