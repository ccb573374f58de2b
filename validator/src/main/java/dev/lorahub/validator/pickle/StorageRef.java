package dev.lorahub.validator.pickle;

/**
 * Torch storage that a persistent id refers to: {@code ('storage', torch.XStorage, key, location, numel)}.
 *
 * @param type the storage type, such as {@code torch.HalfStorage}
 * @param key the name of its data: an entry under {@code data/} in a zip archive, or a key in a legacy file
 * @param elements the number of elements, or -1 when the id does not give it as an integer
 * @param view whether the id is a legacy view {@code (view_key, offset, view_numel)} of the storage {@code key}
 */
record StorageRef(GlobalRef type, String key, long elements, boolean view) {

    @Override
    public String toString() {
        return "storage " + key;
    }
}
