package dev.lorahub.validator.pickle;

import java.util.List;

/** Tuple on the interpreter's stack, with its items, because calls and persistent ids read them. */
record PickleTuple(List<Object> items) {

    PickleTuple {
        items = List.copyOf(items);
    }

    @Override
    public String toString() {
        return "tuple of " + items.size();
    }
}
