package dev.lorahub.converter.basemodel;

import java.util.List;
import java.util.Optional;

/**
 * Translation between the transformer layers of the catalogue, named as in the reference code of Flux.1
 * ({@link FluxNames}) and SD3 ({@link Sd3Names}), and the diffusers modules that adapt them. Both models name
 * their diffusers blocks {@code transformer.transformer_blocks.N} with the same attention modules, so a diffusers
 * name resolves only against a base model: it adapts whichever of the two models' layers the base model has.
 */
public final class DiffusersNames {

    private DiffusersNames() {}

    /** Returns the diffusers parts of a transformer layer of the base model, or empty when the path is not one. */
    public static Optional<List<DiffusersPart>> parts(String layerPath, BaseModel base) {
        if (base.layer(layerPath).isEmpty()) {
            return Optional.empty();
        }
        return FluxNames.parts(layerPath).or(() -> Sd3Names.parts(layerPath, base));
    }

    /**
     * Returns the layer of the base model and the part of it that a diffusers module adapts, or empty when the
     * name is not a diffusers transformer module or the base model lacks its layer.
     */
    public static Optional<DiffusersPart.Reference> reference(String diffusersModule, BaseModel base) {
        return FluxNames.reference(diffusersModule)
                .filter(reference -> base.layer(reference.layerPath()).isPresent())
                .or(() -> Sd3Names.reference(diffusersModule, base));
    }

    /**
     * Returns the shape of the layer part that a diffusers module adapts, under the module's name, or empty when
     * the name is not a diffusers transformer module or the base model lacks its layer.
     */
    public static Optional<Layer> partLayer(String diffusersModule, BaseModel base) {
        return reference(diffusersModule, base).flatMap(reference -> base.layer(reference.layerPath()).map(layer -> {
            long rows = reference.part().rows() == 0 ? layer.outFeatures() : reference.part().rows();
            return Layer.linear(diffusersModule, layer.inFeatures(), rows);
        }));
    }

    /** Returns whether the name is a diffusers module of the Flux.1 or SD3 transformer, whatever the base model. */
    static boolean isTransformerModule(String diffusersModule) {
        return FluxNames.reference(diffusersModule).isPresent() || Sd3Names.isModule(diffusersModule);
    }
}
