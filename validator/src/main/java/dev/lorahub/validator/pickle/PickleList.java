package dev.lorahub.validator.pickle;

import java.util.ArrayList;
import java.util.List;

/** List that the reader builds from EMPTY_LIST, LIST, APPEND and APPENDS, such as the storage keys of a legacy file. */
final class PickleList {

    private final List<Object> items = new ArrayList<>();

    List<Object> items() {
        return items;
    }

    @Override
    public String toString() {
        return "list";
    }
}
