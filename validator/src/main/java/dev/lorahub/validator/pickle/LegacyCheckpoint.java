package dev.lorahub.validator.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reader of a legacy torch file (before torch 1.6). It contains five pickles: the magic number, the
 * protocol version 1001, the system info, the object and the list of storage keys. Each storage follows
 * in the order of that list, as an 8-byte little-endian element count and then the raw elements.
 */
final class LegacyCheckpoint {

    private static final long PROTOCOL_VERSION = 1001;

    private LegacyCheckpoint() {}

    static TrackedPickle read(FileChannel channel, ScanLimits limits) throws IOException, CheckpointException {
        long size = channel.size();
        PickleInput in = new PickleInput(new ChannelSlice(channel, 0, size), size, limits.maxStringLength(),
                limits.maxStringBytes());
        ValueTracker tracker = new ValueTracker();
        Object magic = TrackedPickle.run(in, limits, tracker, "first pickle");
        if (!PickleSequence.LEGACY_MAGIC.equals(magic)) {
            throw new CheckpointException("Not a torch checkpoint: the file is not a zip archive, and its first "
                    + "pickle is not the magic number 0x1950a86a20f9469cfc6c of a legacy torch file");
        }
        Object protocol = TrackedPickle.run(in, limits, tracker, "protocol version pickle");
        if (!Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new CheckpointException("Legacy torch file has protocol version " + Values.describe(protocol)
                    + ", but only " + PROTOCOL_VERSION + " is supported");
        }
        checkByteOrder(TrackedPickle.run(in, limits, tracker, "system info pickle"));
        Object root = TrackedPickle.run(in, limits, tracker, "object pickle");
        Object keys = TrackedPickle.run(in, limits, tracker, "storage keys pickle");
        if (!(keys instanceof PickleList keyList)) {
            throw new CheckpointException("The storage keys pickle returns " + Values.describe(keys) + ", not a list");
        }
        Map<String, TorchStorage> storages = locate(channel, in.position(), keyList, tracker.storages());
        return new TrackedPickle(TorchCheckpoint.Format.LEGACY, root, storages);
    }

    /** Rejects a file whose system info contains {@code little_endian: False}. */
    private static void checkByteOrder(Object systemInfo) throws CheckpointException {
        PickleDict info = PickleDict.of(systemInfo);
        if (info != null && Boolean.FALSE.equals(info.entries().get("little_endian"))) {
            throw new CheckpointException("The file's storages are big-endian, but only little-endian storages "
                    + "can be converted");
        }
    }

    /** Walks the storages after the pickles, from {@code position}, in the order of the keys. */
    private static Map<String, TorchStorage> locate(FileChannel channel, long position, PickleList keys,
            Map<String, StorageRef> references) throws IOException, CheckpointException {
        Map<String, TorchStorage> storages = new LinkedHashMap<>();
        for (Object key : keys.items()) {
            StorageRef reference = key instanceof String name ? references.get(name) : null;
            if (reference == null) {
                throw new CheckpointException("Storage key " + Values.describe(key)
                        + " is listed, but no persistent id in the object pickle names it");
            }
            if (reference.view()) {
                throw new CheckpointException("Storage " + reference.key() + " is a legacy storage view, "
                        + "which the reader does not support");
            }
            TorchStorage storage = storageAt(channel, position, reference);
            storages.put(storage.key(), storage);
            position = storage.dataOffset() + storage.byteLength();
        }
        return storages;
    }

    private static TorchStorage storageAt(FileChannel channel, long position, StorageRef reference)
            throws IOException, CheckpointException {
        long elements = readCount(channel, position);
        if (elements < 0 || elements > ZipCheckpoint.MAX_ELEMENTS
                || (reference.elements() >= 0 && elements != reference.elements())) {
            throw new CheckpointException("Storage " + reference.key() + " at byte " + position + " has "
                    + Long.toUnsignedString(elements) + " elements, but its persistent id declares "
                    + reference.elements());
        }
        TorchStorage storage = new TorchStorage(reference.key(), TorchStorage.dtypeOf(reference.type()), elements,
                null, position + Long.BYTES);
        if (storage.dataOffset() + storage.byteLength() > channel.size()) {
            throw new CheckpointException("Storage " + reference.key() + " of " + storage.byteLength()
                    + " bytes from byte " + storage.dataOffset() + " runs past the end of the file at byte "
                    + channel.size());
        }
        return storage;
    }

    private static long readCount(FileChannel channel, long position) throws IOException {
        ByteBuffer count = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (count.hasRemaining()) {
            if (channel.read(count, position + count.position()) < 0) {
                throw new EOFException("The element count of a storage at byte " + position
                        + " runs past the end of the file");
            }
        }
        return count.getLong(0);
    }
}
