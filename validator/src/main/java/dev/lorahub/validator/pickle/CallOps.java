package dev.lorahub.validator.pickle;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/**
 * The opcodes that name, call or configure objects. None of them imports or calls anything: each checks
 * its global against {@link GlobalPolicy}, reports what is not allowed and pushes a stand-in value.
 */
final class CallOps {

    private final PickleMachine machine;
    private final PickleInput in;
    private final ScanLog log;
    private final ValueTracker tracker;

    /** Creates the opcodes of the machine. The tracker is null when the interpreter only scans. */
    CallOps(PickleMachine machine, PickleInput in, ScanLog log, ValueTracker tracker) {
        this.machine = machine;
        this.in = in;
        this.log = log;
        this.tracker = tracker;
    }

    void run(Opcode opcode, long offset) throws IOException, PickleFormatException {
        switch (opcode) {
            case GLOBAL -> machine.push(named(readName(offset), readName(offset), offset));
            case STACK_GLOBAL -> stackGlobal(offset);
            case INST -> inst(offset);
            case OBJ -> obj(offset);
            case REDUCE -> reduce(offset);
            case NEWOBJ -> newObj(offset);
            case NEWOBJ_EX -> newObjEx(offset);
            case BUILD -> build(offset);
            case EXT1, EXT2, EXT4 -> extension(opcode, offset);
            case PERSID -> persistentText(offset);
            case BINPERSID -> persistent(offset);
            default -> throw new IllegalArgumentException("not a call opcode: " + opcode);
        }
    }

    /** Returns the global and reports it when the allowlist does not contain it. */
    private GlobalRef named(String module, String name, long offset) {
        GlobalRef global = new GlobalRef(module, name);
        if (GlobalPolicy.use(global) == null) {
            log.report(PickleRule.UNSAFE_GLOBAL, offset, global.toString());
        }
        return global;
    }

    private void stackGlobal(long offset) throws PickleFormatException {
        Object name = machine.pop();
        Object module = machine.pop();
        if (!(module instanceof String moduleName) || !(name instanceof String globalName)) {
            throw new PickleFormatException("STACK_GLOBAL at byte " + offset + " needs two strings, but got "
                    + Values.describe(module) + " and " + Values.describe(name), offset);
        }
        machine.push(named(moduleName, globalName, offset));
    }

    private void inst(long offset) throws IOException, PickleFormatException {
        GlobalRef global = named(readName(offset), readName(offset), offset);
        List<Object> arguments = machine.popMark();
        machine.push(call(Opcode.INST, global, new PickleTuple(arguments), offset));
    }

    private void obj(long offset) throws PickleFormatException {
        List<Object> items = machine.popMark();
        if (items.isEmpty()) {
            throw new PickleFormatException("OBJ at byte " + offset + " has no class after its MARK", offset);
        }
        PickleTuple arguments = new PickleTuple(items.subList(1, items.size()));
        machine.push(call(Opcode.OBJ, items.get(0), arguments, offset));
    }

    private void reduce(long offset) throws PickleFormatException {
        Object arguments = machine.pop();
        Object callable = machine.pop();
        machine.push(call(Opcode.REDUCE, callable, arguments, offset));
    }

    private void newObj(long offset) throws PickleFormatException {
        Object arguments = machine.pop();
        Object type = machine.pop();
        machine.push(call(Opcode.NEWOBJ, type, arguments, offset));
    }

    private void newObjEx(long offset) throws PickleFormatException {
        machine.pop();
        Object arguments = machine.pop();
        Object type = machine.pop();
        machine.push(call(Opcode.NEWOBJ_EX, type, arguments, offset));
    }

    /**
     * Returns what an allowed call would make. A call of anything else is reported, except a global that
     * is not on the allowlist, because naming it was reported already.
     */
    private Object call(Opcode opcode, Object callable, Object arguments, long offset) {
        if (GlobalPolicy.isCallable(callable)) {
            GlobalRef function = (GlobalRef) callable;
            if (function.equals(GlobalPolicy.REBUILD_TENSOR)) {
                log.countTensor();
                TensorCheck.check(arguments, log, offset);
            }
            return new Instance(function, tracker == null ? null : ValueTracker.contentOf(function, arguments));
        }
        if (!(callable instanceof GlobalRef global) || GlobalPolicy.use(global) != null) {
            log.report(PickleRule.UNSAFE_CALL, offset, opcode.name(), Values.describe(callable));
        }
        return new Opaque("the result of a call that is not allowed");
    }

    /** Checks BUILD, which sets attributes or calls {@code __setstate__}, so on a class it could rewrite methods. */
    private void build(long offset) throws PickleFormatException {
        machine.pop();
        Object target = machine.peek();
        if (!(target instanceof Instance)) {
            log.report(PickleRule.UNSAFE_BUILD, offset, Values.describe(target));
        }
    }

    private void extension(Opcode opcode, long offset) throws IOException, PickleFormatException {
        int width = switch (opcode) {
            case EXT1 -> 1;
            case EXT2 -> 2;
            default -> 4;
        };
        long code = in.readLittleEndian(width);
        log.report(PickleRule.EXTENSION_CODE, offset, opcode.name(), code);
        machine.push(new Opaque("extension object"));
    }

    private void persistent(long offset) throws PickleFormatException {
        Object loaded = Persistent.load(machine.pop(), log, offset);
        if (tracker != null && loaded instanceof StorageRef storage) {
            tracker.recordStorage(storage);
        }
        machine.push(loaded);
    }

    private void persistentText(long offset) throws IOException, PickleFormatException {
        String id = Strings.decode(in.readLine());
        log.report(PickleRule.UNKNOWN_PERSISTENT_ID, offset, Values.describe(id));
        machine.push(new Opaque("persistent object"));
    }

    /** Reads one line of a GLOBAL or INST name, which CPython decodes as strict UTF-8. */
    private String readName(long offset) throws IOException, PickleFormatException {
        try {
            return Strings.strictUtf8(in.readLine());
        } catch (CharacterCodingException e) {
            throw new PickleFormatException("global name at byte " + offset + " is not valid UTF-8", offset);
        }
    }
}
