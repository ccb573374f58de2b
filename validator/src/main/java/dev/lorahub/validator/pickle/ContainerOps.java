package dev.lorahub.validator.pickle;

import java.util.List;

/**
 * The opcodes that build tuples, lists, dicts and sets. Only tuples keep their items, because calls and
 * persistent ids read them. Adding items to a value that is not a container is not checked: CPython
 * then calls the value's {@code append}, {@code extend}, {@code add} or {@code __setitem__}, and only
 * allowed functions make values whose methods the pickle can reach.
 */
final class ContainerOps {

    private final PickleMachine machine;
    private final boolean tracking;

    /** Creates the opcodes of the machine, whose dicts and lists keep their items when {@code tracking} is true. */
    ContainerOps(PickleMachine machine, boolean tracking) {
        this.machine = machine;
        this.tracking = tracking;
    }

    void run(Opcode opcode, long offset) throws PickleFormatException {
        switch (opcode) {
            case EMPTY_TUPLE -> machine.push(new PickleTuple(List.of()));
            case TUPLE -> machine.push(new PickleTuple(machine.popMark()));
            case TUPLE1 -> machine.push(new PickleTuple(machine.popItems(1)));
            case TUPLE2 -> machine.push(new PickleTuple(machine.popItems(2)));
            case TUPLE3 -> machine.push(new PickleTuple(machine.popItems(3)));
            case EMPTY_LIST -> machine.push(tracking ? new PickleList() : new Opaque("list"));
            case EMPTY_DICT -> machine.push(tracking ? new PickleDict() : new Opaque("dict"));
            case EMPTY_SET -> machine.push(new Opaque("set"));
            case LIST -> list();
            case DICT -> dict(offset);
            case FROZENSET -> fromMark("frozenset");
            case APPEND -> addItems(machine.popItems(1));
            case SETITEM -> addItems(machine.popItems(2));
            case APPENDS, SETITEMS -> addItems(machine.popMark());
            case ADDITEMS -> addMarkedItems();
            default -> throw new IllegalArgumentException("not a container opcode: " + opcode);
        }
    }

    private void fromMark(String kind) throws PickleFormatException {
        machine.popMark();
        machine.push(new Opaque(kind));
    }

    private void list() throws PickleFormatException {
        List<Object> items = machine.popMark();
        machine.push(tracking ? ValueTracker.listOf(items) : new Opaque("list"));
    }

    private void dict(long offset) throws PickleFormatException {
        List<Object> items = machine.popMark();
        machine.push(tracking ? ValueTracker.dictOf(items, offset) : new Opaque("dict"));
    }

    /** Adds the items to the tracked list or dict below them. A dict takes them as alternating keys and values. */
    private void addItems(List<Object> items) throws PickleFormatException {
        Object target = machine.peek();
        if (!tracking) {
            return;
        }
        if (target instanceof PickleList list) {
            list.items().addAll(items);
        } else if (PickleDict.of(target) != null) {
            ValueTracker.putPairs(PickleDict.of(target), items);
        }
    }

    private void addMarkedItems() throws PickleFormatException {
        machine.popMark();
        machine.peek();
    }
}
