package dev.lorahub.converter.pickle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builder of a tiny torch zip archive for tests: a protocol 2 {@code data.pkl} of {@code {name: tensor}},
 * where the tensor is a view of F32 storage {@code 0} on {@code cuda:0}, and the storage's raw bytes.
 */
final class TorchZip {

    private TorchZip() {}

    /** Returns the archive bytes of one tensor view over the F32 storage {@code values}. */
    static byte[] oneTensor(String name, float[] values, long offset, long[] size, long[] stride) throws IOException {
        ByteBuffer storage = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            storage.putFloat(value);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            putStored(zip, "tiny/data.pkl", dataPickle(name, values.length, offset, size, stride));
            putStored(zip, "tiny/data/0", storage.array());
            putStored(zip, "tiny/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static byte[] dataPickle(String name, long elements, long offset, long[] size, long[] stride) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 2, '}', '('});
        string(out, name);
        global(out, "torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        out.write('(');
        string(out, "storage");
        global(out, "torch", "FloatStorage");
        string(out, "0");
        string(out, "cuda:0");
        integer(out, elements);
        out.writeBytes(new byte[] {'t', 'Q'});
        integer(out, offset);
        tuple(out, size);
        tuple(out, stride);
        out.write(0x89);
        global(out, "collections", "OrderedDict");
        out.writeBytes(new byte[] {')', 'R', 't', 'R', 'u', '.'});
        return out.toByteArray();
    }

    private static void global(ByteArrayOutputStream out, String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    /** Writes BININT, a signed 4-byte little-endian integer. */
    private static void integer(ByteArrayOutputStream out, long value) {
        out.write('J');
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(Math.toIntExact(value)).array());
    }

    private static void tuple(ByteArrayOutputStream out, long[] values) {
        out.write('(');
        for (long value : values) {
            integer(out, value);
        }
        out.write('t');
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
