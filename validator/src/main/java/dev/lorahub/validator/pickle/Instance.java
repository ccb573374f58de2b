package dev.lorahub.validator.pickle;

/**
 * Object that an allowed function would return, such as a tensor or an {@code OrderedDict}.
 *
 * @param maker the allowed function or class that makes it
 * @param content what the reader tracks of the object: a {@link PickleDict} for an {@code OrderedDict}, a
 *     {@link TensorView} for a tensor or parameter; null when the scanner runs alone or the arguments have
 *     another form
 */
record Instance(GlobalRef maker, Object content) {

    Instance(GlobalRef maker) {
        this(maker, null);
    }

    @Override
    public String toString() {
        return "the result of " + maker;
    }
}
