/** Recognition of LoRA key layouts and network types, PEFT adapter configs and trigger words. */
package dev.lorahub.formats.lora;
