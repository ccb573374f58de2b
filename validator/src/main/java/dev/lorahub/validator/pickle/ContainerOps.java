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

    ContainerOps(PickleMachine machine) {
        this.machine = machine;
    }

    void run(Opcode opcode) throws PickleFormatException {
        switch (opcode) {
            case EMPTY_TUPLE -> machine.push(new PickleTuple(List.of()));
            case TUPLE -> machine.push(new PickleTuple(machine.popMark()));
            case TUPLE1 -> machine.push(new PickleTuple(machine.popItems(1)));
            case TUPLE2 -> machine.push(new PickleTuple(machine.popItems(2)));
            case TUPLE3 -> machine.push(new PickleTuple(machine.popItems(3)));
            case EMPTY_LIST -> machine.push(new Opaque("list"));
            case EMPTY_DICT -> machine.push(new Opaque("dict"));
            case EMPTY_SET -> machine.push(new Opaque("set"));
            case LIST -> fromMark("list");
            case DICT -> fromMark("dict");
            case FROZENSET -> fromMark("frozenset");
            case APPEND -> addItems(1);
            case SETITEM -> addItems(2);
            case APPENDS, SETITEMS, ADDITEMS -> addMarkedItems();
            default -> throw new IllegalArgumentException("not a container opcode: " + opcode);
        }
    }

    private void fromMark(String kind) throws PickleFormatException {
        machine.popMark();
        machine.push(new Opaque(kind));
    }

    private void addItems(int count) throws PickleFormatException {
        machine.popItems(count);
        machine.peek();
    }

    private void addMarkedItems() throws PickleFormatException {
        machine.popMark();
        machine.peek();
    }
}
