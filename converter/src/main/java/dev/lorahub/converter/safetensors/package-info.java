/**
 * Writing of safetensors files and conversion of their floating tensors between F32, F16 and BF16, streamed
 * tensor by tensor so that a checkpoint never has to fit in memory.
 */
package dev.lorahub.converter.safetensors;
