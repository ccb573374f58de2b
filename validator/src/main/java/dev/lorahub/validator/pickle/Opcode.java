package dev.lorahub.validator.pickle;

/**
 * Pickle opcodes of protocols 0 to 5, as CPython's {@code Lib/pickletools.py} documents them, each with
 * the group of the interpreter that handles it.
 */
enum Opcode {
    MARK('(', Group.STACK), STOP('.', Group.CONTROL), POP('0', Group.STACK), POP_MARK('1', Group.STACK),
    DUP('2', Group.STACK), FLOAT('F', Group.LITERAL), INT('I', Group.LITERAL), BININT('J', Group.LITERAL),
    BININT1('K', Group.LITERAL), LONG('L', Group.LITERAL), BININT2('M', Group.LITERAL), NONE('N', Group.LITERAL),
    PERSID('P', Group.CALL), BINPERSID('Q', Group.CALL), REDUCE('R', Group.CALL), STRING('S', Group.LITERAL),
    BINSTRING('T', Group.LITERAL), SHORT_BINSTRING('U', Group.LITERAL), UNICODE('V', Group.LITERAL),
    BINUNICODE('X', Group.LITERAL), APPEND('a', Group.CONTAINER), BUILD('b', Group.CALL), GLOBAL('c', Group.CALL),
    DICT('d', Group.CONTAINER), EMPTY_DICT('}', Group.CONTAINER), APPENDS('e', Group.CONTAINER),
    GET('g', Group.MEMO), BINGET('h', Group.MEMO), INST('i', Group.CALL), LONG_BINGET('j', Group.MEMO),
    LIST('l', Group.CONTAINER), EMPTY_LIST(']', Group.CONTAINER), OBJ('o', Group.CALL), PUT('p', Group.MEMO),
    BINPUT('q', Group.MEMO), LONG_BINPUT('r', Group.MEMO), SETITEM('s', Group.CONTAINER),
    TUPLE('t', Group.CONTAINER), EMPTY_TUPLE(')', Group.CONTAINER), SETITEMS('u', Group.CONTAINER),
    BINFLOAT('G', Group.LITERAL),
    // Protocol 2.
    PROTO(0x80, Group.CONTROL), NEWOBJ(0x81, Group.CALL), EXT1(0x82, Group.CALL), EXT2(0x83, Group.CALL),
    EXT4(0x84, Group.CALL), TUPLE1(0x85, Group.CONTAINER), TUPLE2(0x86, Group.CONTAINER),
    TUPLE3(0x87, Group.CONTAINER), NEWTRUE(0x88, Group.LITERAL), NEWFALSE(0x89, Group.LITERAL),
    LONG1(0x8a, Group.LITERAL), LONG4(0x8b, Group.LITERAL),
    // Protocol 3.
    BINBYTES('B', Group.LITERAL), SHORT_BINBYTES('C', Group.LITERAL),
    // Protocol 4.
    SHORT_BINUNICODE(0x8c, Group.LITERAL), BINUNICODE8(0x8d, Group.LITERAL), BINBYTES8(0x8e, Group.LITERAL),
    EMPTY_SET(0x8f, Group.CONTAINER), ADDITEMS(0x90, Group.CONTAINER), FROZENSET(0x91, Group.CONTAINER),
    NEWOBJ_EX(0x92, Group.CALL), STACK_GLOBAL(0x93, Group.CALL), MEMOIZE(0x94, Group.MEMO),
    FRAME(0x95, Group.CONTROL),
    // Protocol 5.
    BYTEARRAY8(0x96, Group.LITERAL), NEXT_BUFFER(0x97, Group.LITERAL), READONLY_BUFFER(0x98, Group.STACK);

    /** Part of the interpreter that handles an opcode. */
    enum Group { LITERAL, STACK, MEMO, CONTAINER, CALL, CONTROL }

    private static final Opcode[] BY_BYTE = new Opcode[256];

    static {
        for (Opcode opcode : values()) {
            BY_BYTE[opcode.code] = opcode;
        }
    }

    private final int code;
    private final Group group;

    Opcode(int code, Group group) {
        this.code = code;
        this.group = group;
    }

    /** Returns the opcode of the byte, or null when no protocol defines it. */
    static Opcode of(int unsignedByte) {
        return BY_BYTE[unsignedByte];
    }

    Group group() {
        return group;
    }
}
