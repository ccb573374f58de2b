package dev.lorahub.validator.pickle;

import java.util.List;

/**
 * Persistent ids of BINPERSID. Torch writes {@code ('storage', torch.XStorage, key, location, numel)}
 * for each storage in a zip archive, and the legacy format adds a sixth item, None or
 * {@code (view_key, offset, view_numel)} for a view of a larger storage. Torch loads the storage data
 * itself, so the id calls nothing. Ids of other forms get a warning, such as the
 * {@code ('module', class, file, source)} ids of legacy files that store whole modules, unless their
 * second item is a global that is not allowed, which is reported already.
 */
final class Persistent {

    private Persistent() {}

    /** Returns the storage the id refers to, or an opaque value after reporting an id of another form. */
    static Object load(Object id, ScanLog log, long offset) {
        if (id instanceof PickleTuple tuple && isStorageId(tuple.items())) {
            List<Object> items = tuple.items();
            boolean view = items.size() == 6 && items.get(5) instanceof PickleTuple;
            return new StorageRef((GlobalRef) items.get(1), (String) items.get(2), elements(items), view);
        }
        boolean unlistedType = id instanceof PickleTuple tuple && tuple.items().size() > 1
                && tuple.items().get(1) instanceof GlobalRef type && GlobalPolicy.use(type) == null;
        if (!unlistedType) {
            log.report(PickleRule.UNKNOWN_PERSISTENT_ID, offset, Values.describe(id));
        }
        return new Opaque("persistent object");
    }

    /** Returns the element count of the storage or of its legacy view, or -1 when the id does not give it. */
    private static long elements(List<Object> items) {
        Object count = items.get(4);
        if (items.size() == 6 && items.get(5) instanceof PickleTuple view && view.items().size() == 3) {
            count = view.items().get(2);
        }
        return count instanceof Long elements ? elements : -1;
    }

    private static boolean isStorageId(List<Object> items) {
        return (items.size() == 5 || items.size() == 6)
                && "storage".equals(items.get(0))
                && GlobalPolicy.isStorageType(items.get(1))
                && items.get(2) instanceof String;
    }
}
