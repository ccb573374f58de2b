package dev.lorahub.validator.pickle;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dict that the reader builds from EMPTY_DICT, DICT, SETITEM and SETITEMS, in insertion order as Python keeps it. */
final class PickleDict {

    private final Map<Object, Object> entries = new LinkedHashMap<>();

    /**
     * Returns the entries. A key that is not a string, integer or boolean is an {@link OtherKey}, so that no
     * hash of a deeply nested tuple is ever computed.
     */
    Map<Object, Object> entries() {
        return entries;
    }

    void put(Object key, Object value) {
        boolean plain = key instanceof String || key instanceof Long || key instanceof BigInteger
                || key instanceof Boolean;
        entries.put(plain ? key : new OtherKey(key), value);
    }

    /** Returns the dict that a stack value is or contains, or null when it is neither a dict nor an OrderedDict. */
    static PickleDict of(Object value) {
        if (value instanceof PickleDict dict) {
            return dict;
        }
        return value instanceof Instance instance && instance.content() instanceof PickleDict dict ? dict : null;
    }

    @Override
    public String toString() {
        return "dict";
    }

    /** Dict key of another type, equal only to itself, which the reader never uses as a tensor name. */
    static final class OtherKey {

        private final Object key;

        OtherKey(Object key) {
            this.key = key;
        }

        Object key() {
            return key;
        }

        @Override
        public String toString() {
            return String.valueOf(key);
        }
    }
}
