package dev.lorahub.formats.lora;

/**
 * Parsed name of one LoRA tensor.
 *
 * @param layout the naming convention that the name follows
 * @param module the module name that all tensors of one adapted layer share
 * @param role what the tensor is within its module
 * @param component the adapted part of the base model, or null when the name does not identify one
 */
record TensorKey(LoraLayout layout, String module, TensorRole role, ModelComponent component) {}
