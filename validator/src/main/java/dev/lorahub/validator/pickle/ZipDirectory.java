package dev.lorahub.validator.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reader of a zip archive's central directory, ZIP64 included, that also reads each entry's local
 * header, because {@code java.util.zip.ZipFile} trusts the central directory alone. The layout follows
 * PKWARE's APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central header), 4.3.14 to 4.3.16 (end
 * records) and 4.5.3 (ZIP64 extra field).
 */
final class ZipDirectory {

    static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_RECORD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END_RECORD = 0x06064b50;
    private static final long UNSET_32 = 0xffffffffL;
    private static final int MAX_COMMENT = 0xffff;
    /** Maximum entry name length in bytes, PATH_MAX on Linux, so that names cannot fill memory. */
    static final int MAX_NAME_LENGTH = 4096;

    private final FileChannel channel;

    ZipDirectory(FileChannel channel) {
        this.channel = channel;
    }

    /** Entry count and central directory offset of an archive, from its end records. */
    record End(long entries, long directoryOffset) {}

    /** Reads the end record and, when its fields are 0xffff or 0xffffffff, the ZIP64 end record. */
    End readEnd() throws IOException {
        long end = findEndRecord();
        ByteBuffer record = readAt(end, 22);
        long entries = record.getShort(10) & 0xffff;
        long directoryOffset = record.getInt(16) & UNSET_32;
        if (entries != 0xffff && directoryOffset != UNSET_32) {
            return new End(entries, directoryOffset);
        }
        ByteBuffer locator = readAt(end - 20, 20);
        expect(locator.getInt(0), ZIP64_LOCATOR, end - 20, "ZIP64 end locator");
        long zip64End = locator.getLong(8);
        ByteBuffer zip64 = readAt(zip64End, 56);
        expect(zip64.getInt(0), ZIP64_END_RECORD, zip64End, "ZIP64 end record");
        return new End(zip64.getLong(32), zip64.getLong(48));
    }

    /** Reads {@code count} central directory entries from the offset, each with its local header name. */
    List<ZipEntryRecord> readEntries(long count, long directoryOffset) throws IOException {
        List<ZipEntryRecord> entries = new ArrayList<>();
        long position = directoryOffset;
        for (long i = 0; i < count; i++) {
            ByteBuffer header = readAt(position, 46);
            expect(header.getInt(0), CENTRAL_HEADER, position, "central directory header");
            int nameLength = checkNameLength(header.getShort(28) & 0xffff, position);
            int extraLength = header.getShort(30) & 0xffff;
            int commentLength = header.getShort(32) & 0xffff;
            byte[] name = bytes(readAt(position + 46, nameLength));
            ByteBuffer extra = readAt(position + 46 + nameLength, extraLength);
            entries.add(entry(header, name, extra));
            position += 46L + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private ZipEntryRecord entry(ByteBuffer header, byte[] name, ByteBuffer extra) throws IOException {
        long[] sizes = {header.getInt(24) & UNSET_32, header.getInt(20) & UNSET_32, header.getInt(42) & UNSET_32};
        applyZip64(sizes, extra);
        ByteBuffer local = readAt(sizes[2], 30);
        expect(local.getInt(0), LOCAL_HEADER, sizes[2], "local header");
        int localNameLength = checkNameLength(local.getShort(26) & 0xffff, sizes[2]);
        int localExtraLength = local.getShort(28) & 0xffff;
        byte[] localName = bytes(readAt(sizes[2] + 30, localNameLength));
        long dataOffset = sizes[2] + 30 + localNameLength + localExtraLength;
        int method = header.getShort(10) & 0xffff;
        return new ZipEntryRecord(text(name), text(localName), method, sizes[1], sizes[0], dataOffset);
    }

    /** Replaces the sizes and offset that are 0xffffffff with the values of the ZIP64 extra field, in order. */
    private static void applyZip64(long[] sizes, ByteBuffer extra) throws ZipException {
        for (int at = 0; at + 4 <= extra.limit(); ) {
            int id = extra.getShort(at) & 0xffff;
            int length = extra.getShort(at + 2) & 0xffff;
            if (id == 1) {
                int field = at + 4;
                for (int i = 0; i < sizes.length; i++) {
                    if (sizes[i] == UNSET_32 && field + 8 <= at + 4 + length && field + 8 <= extra.limit()) {
                        sizes[i] = extra.getLong(field);
                        field += 8;
                    }
                }
            }
            at += 4 + length;
        }
        for (long value : sizes) {
            if (value < 0) {
                throw new ZipException("ZIP64 size or offset " + Long.toUnsignedString(value) + " is out of range");
            }
        }
    }

    private long findEndRecord() throws IOException {
        long size = channel.size();
        long lowest = Math.max(0, size - 22 - MAX_COMMENT);
        ByteBuffer tail = readAt(lowest, (int) (size - lowest));
        for (int at = tail.limit() - 22; at >= 0; at--) {
            if (tail.getInt(at) == END_RECORD) {
                return lowest + at;
            }
        }
        throw new ZipException("no end of central directory record in the last " + (size - lowest) + " bytes");
    }

    private ByteBuffer readAt(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        if (position < 0) {
            throw new ZipException("offset " + position + " is before the start of the file");
        }
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("zip structure at byte " + position + " runs past the end of the file");
            }
        }
        return buffer.flip();
    }

    private static int checkNameLength(int length, long position) throws ZipException {
        if (length > MAX_NAME_LENGTH) {
            throw new ZipException("entry name of " + length + " bytes in the header at byte " + position
                    + " exceeds the limit of " + MAX_NAME_LENGTH + " bytes");
        }
        return length;
    }

    private static void expect(int signature, int expected, long position, String structure) throws ZipException {
        if (signature != expected) {
            throw new ZipException(structure + " expected at byte " + position + ", but its signature does not match");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Decodes an entry name as UTF-8, as torch writes it; invalid bytes become U+FFFD. */
    private static String text(byte[] name) {
        return new String(name, StandardCharsets.UTF_8);
    }
}
