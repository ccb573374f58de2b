package dev.lorahub.validator.pickle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Switch of the interpreter that makes it build dicts, lists and tensor views instead of opaque stand-ins,
 * and that records the storages the persistent ids name, in first-seen order. The allowlist and every
 * check stay the same, so a pickle the scanner rejects gets the same findings with a tracker.
 */
final class ValueTracker {

    private final Map<String, StorageRef> storages = new LinkedHashMap<>();

    /** Returns the storages by key. When two ids name one key, the first id is kept. */
    Map<String, StorageRef> storages() {
        return storages;
    }

    void recordStorage(StorageRef storage) {
        storages.putIfAbsent(storage.key(), storage);
    }

    /** Returns what an allowed function would make from the arguments, or null when it is not tracked. */
    static Object contentOf(GlobalRef function, Object arguments) {
        if (function.equals(GlobalPolicy.REBUILD_TENSOR)) {
            return TensorView.of(arguments);
        }
        if (function.equals(GlobalPolicy.REBUILD_PARAMETER)) {
            return TensorView.ofParameter(arguments);
        }
        boolean noArguments = arguments instanceof PickleTuple tuple && tuple.items().isEmpty();
        return function.equals(GlobalPolicy.ORDERED_DICT) && noArguments ? new PickleDict() : null;
    }

    static PickleList listOf(List<Object> items) {
        PickleList list = new PickleList();
        list.items().addAll(items);
        return list;
    }

    /** Builds the dict of DICT from alternating keys and values. */
    static PickleDict dictOf(List<Object> items, long offset) throws PickleFormatException {
        if (items.size() % 2 != 0) {
            throw new PickleFormatException("DICT at byte " + offset + " has an odd number of items", offset);
        }
        PickleDict dict = new PickleDict();
        putPairs(dict, items);
        return dict;
    }

    static void putPairs(PickleDict dict, List<Object> items) {
        for (int i = 0; i + 1 < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }
}
