/**
 * Conversion of Stable Diffusion LoRA files between the kohya, diffusers and PEFT tensor naming conventions,
 * with the module names resolved through the base-model catalogue. Flux.1 and SD3 LoRAs convert among kohya,
 * diffusers and PEFT, where the diffusers and PEFT names split the fused q, k, v (and Flux MLP) projections into
 * separate modules.
 * Files in the diffusers attention-processor and cloneofsimo/lora layouts are read as sources only.
 */
package dev.lorahub.converter.layout;
