package dev.lorahub.validator.pickle;

/**
 * Torch storage that a persistent id refers to: {@code ('storage', torch.XStorage, key, location, numel)}.
 *
 * @param type the storage type, such as {@code torch.HalfStorage}
 * @param key the name of its data: an entry under {@code data/} in a zip archive, or a key in a legacy file
 * @param elements the number of elements, or -1 when the id does not give it as an integer
 */
record StorageRef(GlobalRef type, String key, long elements) {

    @Override
    public String toString() {
        return "storage " + key;
    }
}
