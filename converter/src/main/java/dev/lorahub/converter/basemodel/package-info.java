/**
 * Base-model catalogue: the adaptable layers of each supported base model, the mapping of LoRA module
 * names to those layers, the compatibility check of a LoRA against a base model and base-model detection.
 */
package dev.lorahub.converter.basemodel;
