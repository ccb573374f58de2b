package dev.lorahub.validator.pickle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builders of torch checkpoints for tests: a benign state dict pickle, zip archives and legacy files. */
final class TorchFiles {

    /** Name of the one tensor of {@link #stateDict}. */
    static final String TENSOR = "lora_unet_x.lora_down.weight";

    private TorchFiles() {}

    /**
     * Returns a pickle of {@code OrderedDict({TENSOR: tensor})} as {@code torch.save} writes it: a 2×4 F16
     * tensor with stride (4, 1) over storage {@code 0} of {@code storageElements} elements.
     */
    static byte[] stateDict(int protocol, long storageElements) {
        PickleWriter pickle = new PickleWriter().proto(protocol);
        orderedDict(pickle, protocol);
        pickle.string(TENSOR, protocol).global("torch._utils", "_rebuild_tensor_v2").op('(');
        pickle.op('(').string("storage", protocol).global("torch", "HalfStorage").string("0", protocol)
                .string("cpu", protocol);
        integer(pickle, storageElements, protocol).op('t').op('Q');
        integer(pickle, 0, protocol);
        integer(integer(pickle.op('('), 2, protocol), 4, protocol).op('t');
        integer(integer(pickle.op('('), 4, protocol), 1, protocol).op('t');
        if (protocol >= 2) {
            pickle.op(0x89);
        } else {
            pickle.op('I').line("00");
        }
        orderedDict(pickle, protocol);
        return pickle.op('t').op('R').op('s').stop().toBytes();
    }

    /** Returns a pickle that calls {@code module.name('id')} through GLOBAL and REDUCE. */
    static byte[] reduceCall(String module, String name, int protocol) {
        return new PickleWriter().proto(protocol).global(module, name).tupleOf(protocol, "id").op('R').stop().toBytes();
    }

    /** Returns a zip archive of the entries, in order, stored as torch stores them or deflated. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(zipEntry(entry.getKey(), entry.getValue(), deflate));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Returns a torch zip archive under the folder {@code model/} whose {@code data.pkl} is the pickle. */
    static byte[] archive(byte[] dataPkl) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/data.pkl", dataPkl);
        entries.put("model/data/0", new byte[16]);
        entries.put("model/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip(entries, false);
    }

    /**
     * Returns a legacy torch file: the magic number, protocol 1001, system info, the object pickle, the
     * storage keys {@code ['0']}, and the raw data of storage {@code 0}: its element count and 8 F16 values.
     */
    static byte[] legacy(byte[] objectPickle) {
        return legacy(new PickleWriter().proto(2).op('}').stop().toBytes(), objectPickle);
    }

    /** Returns a legacy torch file as {@link #legacy(byte[])} does, with the given system info pickle. */
    static byte[] legacy(byte[] systemInfoPickle, byte[] objectPickle) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] magic = new BigInteger("1950a86a20f9469cfc6c", 16).toByteArray();
        file.writeBytes(new PickleWriter().proto(2).op(0x8a).littleEndian(magic.length, 1).raw(reverse(magic))
                .stop().toBytes());
        file.writeBytes(new PickleWriter().proto(2).op('M').littleEndian(1001, 2).stop().toBytes());
        file.writeBytes(systemInfoPickle);
        file.writeBytes(objectPickle);
        file.writeBytes(new PickleWriter().proto(2).op(']').op('(').string("0", 2).op('e').stop().toBytes());
        file.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(8).array());
        file.writeBytes(new byte[16]);
        return file.toByteArray();
    }

    private static void orderedDict(PickleWriter pickle, int protocol) {
        pickle.global("collections", "OrderedDict");
        if (protocol < 2) {
            pickle.op('(').op('t');
        } else {
            pickle.op(')');
        }
        pickle.op('R');
    }

    private static PickleWriter integer(PickleWriter pickle, long value, int protocol) {
        return protocol == 0 ? pickle.op('I').line(Long.toString(value)) : pickle.op('J').littleEndian(value, 4);
    }

    private static ZipEntry zipEntry(String name, byte[] data, boolean deflate) {
        ZipEntry entry = new ZipEntry(name);
        if (!deflate) {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        return entry;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }
}
