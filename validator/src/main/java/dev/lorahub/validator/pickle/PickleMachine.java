package dev.lorahub.validator.pickle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stack, mark stack and memo of one pickle, as CPython's {@code _Unpickler} keeps them, with the stack
 * depth and memo size limits. Errors carry the offset of the opcode that the interpreter set last.
 */
final class PickleMachine {

    private final ScanLimits limits;
    private List<Object> stack = new ArrayList<>();
    private final Deque<List<Object>> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int setAside;
    private long offset;

    PickleMachine(ScanLimits limits) {
        this.limits = limits;
    }

    /** Sets the offset of the opcode being run, for error messages. */
    void at(long opcodeOffset) {
        offset = opcodeOffset;
    }

    void push(Object value) throws PickleFormatException {
        checkDepth();
        stack.add(value);
    }

    Object pop() throws PickleFormatException {
        requireItems(1);
        return stack.remove(stack.size() - 1);
    }

    Object peek() throws PickleFormatException {
        requireItems(1);
        return stack.get(stack.size() - 1);
    }

    /** Removes the top {@code count} values and returns them, bottom first. */
    List<Object> popItems(int count) throws PickleFormatException {
        requireItems(count);
        List<Object> top = stack.subList(stack.size() - count, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    /** Sets the current stack aside and starts an empty one (MARK). Each mark counts as one stack value. */
    void mark() throws PickleFormatException {
        checkDepth();
        setAside += stack.size();
        marks.push(stack);
        stack = new ArrayList<>();
    }

    /** Returns the values pushed since the last MARK and restores the stack set aside there. */
    List<Object> popMark() throws PickleFormatException {
        if (marks.isEmpty()) {
            throw new PickleFormatException("opcode at byte " + offset + " needs a MARK, but there is none", offset);
        }
        List<Object> items = stack;
        stack = marks.pop();
        setAside -= stack.size();
        return items;
    }

    void memoPut(long key) throws PickleFormatException {
        if (key < 0) {
            throw new PickleFormatException("negative memo key " + key + " at byte " + offset, offset);
        }
        Object value = peek();
        if (!memo.containsKey(key) && memo.size() >= limits.maxMemoEntries()) {
            throw PickleFormatException.limit(PickleRule.MEMO_TOO_LARGE, offset, memo.size() + 1,
                    limits.maxMemoEntries());
        }
        memo.put(key, value);
    }

    /** Stores the top value under the memo's current size, as MEMOIZE does, which may replace a PUT entry. */
    void memoize() throws PickleFormatException {
        memoPut(memo.size());
    }

    Object memoGet(long key) throws PickleFormatException {
        Object value = memo.get(key);
        if (value == null) {
            throw new PickleFormatException("memo key " + key + " at byte " + offset + " was never stored", offset);
        }
        return value;
    }

    /** Returns the single value left on the stack at STOP. */
    Object result() throws PickleFormatException {
        return pop();
    }

    boolean hasMark() {
        return !marks.isEmpty();
    }

    boolean isEmpty() {
        return stack.isEmpty();
    }

    private void checkDepth() throws PickleFormatException {
        long depth = (long) stack.size() + setAside + marks.size();
        if (depth >= limits.maxStackDepth()) {
            throw PickleFormatException.limit(PickleRule.STACK_TOO_DEEP, offset, depth + 1, limits.maxStackDepth());
        }
    }

    private void requireItems(int count) throws PickleFormatException {
        if (stack.size() < count) {
            throw new PickleFormatException("opcode at byte " + offset + " needs " + count
                    + " stack values, but the stack holds " + stack.size(), offset);
        }
    }
}
