/** Validating reader for safetensors headers that never reads tensor data, except single scalars on request. */
package dev.lorahub.formats.safetensors;
