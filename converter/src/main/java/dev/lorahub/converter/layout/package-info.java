/**
 * Conversion of Stable Diffusion LoRA files between the kohya, diffusers and PEFT tensor naming conventions,
 * with the module names resolved through the base-model catalogue.
 */
package dev.lorahub.converter.layout;
