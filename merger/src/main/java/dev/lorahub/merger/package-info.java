/** Fusion of LoRAs into base checkpoints with block weights, on DJL; the module holds no code yet. */
package dev.lorahub.merger;
