/**
 * Checks of safetensors files: the format rules of the reader as findings, header details that older
 * tools depend on, and an optional scan of the tensor data for NaN and infinite values.
 */
package dev.lorahub.validator.safetensors;
