/** Checks that the tensors of a safetensors file form complete and consistent LoRA modules. */
package dev.lorahub.validator.lora;
