/** Fusion of LoRAs into base checkpoints with block weights, on DJL. The module contains no code yet. */
package dev.lorahub.merger;
