package dev.lorahub.validator.pickle;

/**
 * Object that an allowed function would return, such as a tensor or an {@code OrderedDict}.
 *
 * @param maker the allowed function or class that makes it
 */
record Instance(GlobalRef maker) {

    @Override
    public String toString() {
        return "the result of " + maker;
    }
}
