package dev.lorahub.converter.basemodel;

/** Kind of an adaptable layer: a linear (fully connected) layer or a 2-D convolution. */
public enum LayerKind {
    LINEAR,
    CONV
}
