package dev.lorahub.converter.basemodel;

import java.util.Optional;

/**
 * A LoRA module that adapts no layer of the base model.
 *
 * @param moduleName the module name in the file's spelling
 * @param layerPath the layer path that the name translates to, which the base model lacks, or empty when
 *     the name translates to no path
 */
public record UnknownModule(String moduleName, Optional<String> layerPath) {}
