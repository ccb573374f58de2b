package dev.lorahub.validator.pickle;

import java.io.IOException;

/**
 * Interpreter of one pickle over its opcodes, protocols 0 to 5. It follows CPython's {@code _Unpickler}
 * for the stack, marks and memo, so that names built on the stack or fetched from the memo are the ones
 * CPython would import, but it never imports or calls anything.
 */
final class PickleInterpreter {

    private static final int HIGHEST_PROTOCOL = 5;

    private final PickleInput in;
    private final ScanLimits limits;
    private final PickleMachine machine;
    private final ContainerOps containers;
    private final CallOps calls;

    PickleInterpreter(PickleInput in, ScanLimits limits, ScanLog log) {
        this(in, limits, log, null);
    }

    /** Creates an interpreter that builds dicts, lists and tensor views when {@code tracker} is not null. */
    PickleInterpreter(PickleInput in, ScanLimits limits, ScanLog log, ValueTracker tracker) {
        this.in = in;
        this.limits = limits;
        this.machine = new PickleMachine(limits);
        this.containers = new ContainerOps(machine, tracker != null);
        this.calls = new CallOps(machine, in, log, tracker);
    }

    /** Runs the opcodes up to STOP and returns the value that the pickle makes. */
    Object run() throws IOException, PickleFormatException {
        for (long count = 1; ; count++) {
            long offset = in.position();
            Opcode opcode = readOpcode(offset);
            if (count > limits.maxOpcodes()) {
                throw PickleFormatException.limit(PickleRule.TOO_MANY_OPCODES, offset, count, limits.maxOpcodes());
            }
            machine.at(offset);
            if (opcode == Opcode.STOP) {
                return machine.result();
            }
            step(opcode, offset);
        }
    }

    private Opcode readOpcode(long offset) throws IOException, PickleFormatException {
        int code = in.readByte();
        Opcode opcode = Opcode.of(code);
        if (opcode == null) {
            throw new PickleFormatException(String.format("unknown opcode 0x%02x at byte %d", code, offset), offset);
        }
        return opcode;
    }

    private void step(Opcode opcode, long offset) throws IOException, PickleFormatException {
        switch (opcode.group()) {
            case LITERAL -> machine.push(Literals.read(opcode, in));
            case STACK -> stack(opcode);
            case MEMO -> memo(opcode);
            case CONTAINER -> containers.run(opcode, offset);
            case CALL -> calls.run(opcode, offset);
            case CONTROL -> control(opcode, offset);
        }
    }

    private void stack(Opcode opcode) throws PickleFormatException {
        switch (opcode) {
            case MARK -> machine.mark();
            case POP -> pop();
            case POP_MARK -> machine.popMark();
            case DUP -> machine.push(machine.peek());
            case READONLY_BUFFER -> machine.peek();
            default -> throw new IllegalArgumentException("not a stack opcode: " + opcode);
        }
    }

    /** Pops the top value or, on an empty stack, the last mark, as CPython's C unpickler does. */
    private void pop() throws PickleFormatException {
        if (machine.isEmpty() && machine.hasMark()) {
            machine.popMark();
        } else {
            machine.pop();
        }
    }

    private void memo(Opcode opcode) throws IOException, PickleFormatException {
        switch (opcode) {
            case PUT -> machine.memoPut(textKey());
            case BINPUT -> machine.memoPut(in.readLittleEndian(1));
            case LONG_BINPUT -> machine.memoPut(in.readLittleEndian(4));
            case MEMOIZE -> machine.memoize();
            case GET -> machine.push(machine.memoGet(textKey()));
            case BINGET -> machine.push(machine.memoGet(in.readLittleEndian(1)));
            case LONG_BINGET -> machine.push(machine.memoGet(in.readLittleEndian(4)));
            default -> throw new IllegalArgumentException("not a memo opcode: " + opcode);
        }
    }

    private long textKey() throws IOException, PickleFormatException {
        String text = Strings.decode(in.readLine()).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PickleFormatException("memo key " + Values.describe(text) + " before byte " + in.position()
                    + " is not an integer", in.position());
        }
    }

    private void control(Opcode opcode, long offset) throws IOException, PickleFormatException {
        if (opcode == Opcode.FRAME) {
            in.readLittleEndian(8);
            return;
        }
        int protocol = in.readByte();
        if (protocol > HIGHEST_PROTOCOL) {
            throw new PickleFormatException("unsupported pickle protocol " + protocol + " at byte " + offset, offset);
        }
    }
}
