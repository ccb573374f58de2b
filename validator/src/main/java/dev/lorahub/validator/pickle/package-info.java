/**
 * Safety scanner of pickle files and torch checkpoints: an opcode interpreter with an allowlist of
 * globals, resource limits, and checks of torch zip archives.
 */
package dev.lorahub.validator.pickle;
