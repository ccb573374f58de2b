package dev.lorahub.validator.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writer of pickle bytes opcode by opcode, so tests can build any pickle, hostile ones included. */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes PROTO for protocols 2 and above; protocols 0 and 1 have no PROTO opcode. */
    PickleWriter proto(int protocol) {
        if (protocol >= 2) {
            out.write(0x80);
            out.write(protocol);
        }
        return this;
    }

    /** Writes the opcode byte alone, for opcodes without an argument. */
    PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    /** Writes GLOBAL with its two text lines. */
    PickleWriter global(String module, String name) {
        return op('c').line(module).line(name);
    }

    /** Writes INST with its two text lines; the arguments since the last MARK are on the stack. */
    PickleWriter inst(String module, String name) {
        return op('i').line(module).line(name);
    }

    /** Writes a string with the opcode of the protocol: UNICODE for 0, BINUNICODE for 1 to 3, SHORT_BINUNICODE above. */
    PickleWriter string(String text, int protocol) {
        if (protocol == 0) {
            return op('V').line(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (protocol < 4) {
            return op('X').littleEndian(bytes.length, 4).raw(bytes);
        }
        return op(0x8c).littleEndian(bytes.length, 1).raw(bytes);
    }

    /** Writes MARK, the items as strings, and the tuple opcode of the protocol. */
    PickleWriter tupleOf(int protocol, String... items) {
        if (protocol < 2 || items.length > 3) {
            op('(');
        }
        for (String item : items) {
            string(item, protocol);
        }
        return op(protocol < 2 || items.length > 3 ? 't' : 0x84 + items.length);
    }

    PickleWriter binint1(int value) {
        return op('K').littleEndian(value, 1);
    }

    PickleWriter binput(int key) {
        return op('q').littleEndian(key, 1);
    }

    PickleWriter binget(int key) {
        return op('h').littleEndian(key, 1);
    }

    /** Writes a text line and its newline, for protocol 0 arguments. */
    PickleWriter line(String text) {
        return raw(text.getBytes(StandardCharsets.UTF_8)).raw(new byte[] {'\n'});
    }

    PickleWriter littleEndian(long value, int byteCount) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        out.write(bytes, 0, byteCount);
        return this;
    }

    PickleWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleWriter stop() {
        return op('.');
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
