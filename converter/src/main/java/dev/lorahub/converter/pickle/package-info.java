/**
 * Conversion of torch pickle checkpoints ({@code .bin}, {@code .pt}, {@code .ckpt}) to safetensors, reading
 * the tensors through the validator's allowlist reader so that no pickle code ever runs.
 */
package dev.lorahub.converter.pickle;
