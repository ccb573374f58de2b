package dev.lorahub.validator.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;

/**
 * Reader of a torch zip archive: the object pickle {@code <folder>/data.pkl} and the storages
 * {@code <folder>/data/<key>}, whose bytes the archive stores uncompressed. The folder is the file stem at
 * save time, so any single top-level folder is accepted.
 */
final class ZipCheckpoint {

    private static final String DATA_PICKLE = "data.pkl";
    /** Maximum element count, so that the byte length of any dtype fits in a {@code long}. */
    static final long MAX_ELEMENTS = Long.MAX_VALUE / 8;

    private ZipCheckpoint() {}

    static TrackedPickle read(FileChannel channel, ScanLimits limits) throws IOException, CheckpointException {
        ZipDirectory directory = new ZipDirectory(channel);
        ZipDirectory.End end = directory.readEnd();
        if (end.entries() < 0 || end.entries() > limits.maxEntries()) {
            throw new CheckpointException("The archive has " + Long.toUnsignedString(end.entries())
                    + " entries, more than the limit of " + limits.maxEntries());
        }
        Map<String, ZipEntryRecord> entries = new HashMap<>();
        for (ZipEntryRecord entry : directory.readEntries(end.entries(), end.directoryOffset())) {
            entries.put(entry.name(), entry);
        }
        ZipEntryRecord dataPickle = findDataPickle(entries.values());
        String folder = dataPickle.name().substring(0, dataPickle.name().length() - DATA_PICKLE.length());
        checkByteOrder(channel, entries.get(folder + "byteorder"));

        ValueTracker tracker = new ValueTracker();
        Object root = runPickle(channel, dataPickle, limits, tracker);
        Map<String, TorchStorage> storages = new LinkedHashMap<>();
        for (StorageRef storage : tracker.storages().values()) {
            storages.put(storage.key(), locate(channel, storage, entries.get(folder + "data/" + storage.key())));
        }
        return new TrackedPickle(TorchCheckpoint.Format.ZIP, root, storages);
    }

    /** Returns the one entry named {@code <folder>/data.pkl} with a folder of a single segment. */
    private static ZipEntryRecord findDataPickle(Iterable<ZipEntryRecord> entries) throws CheckpointException {
        List<ZipEntryRecord> found = new ArrayList<>();
        for (ZipEntryRecord entry : entries) {
            String name = entry.name();
            int slash = name.indexOf('/');
            if (slash > 0 && name.equals(name.substring(0, slash + 1) + DATA_PICKLE)) {
                found.add(entry);
            }
        }
        if (found.size() != 1) {
            throw new CheckpointException("A torch archive must contain exactly one <folder>/data.pkl entry, "
                    + "but this one has " + found.size() + ": " + found.stream().map(ZipEntryRecord::name).toList());
        }
        return found.get(0);
    }

    /** Rejects an archive whose {@code byteorder} entry, written by torch 2.1 and later, contains {@code big}. */
    private static void checkByteOrder(FileChannel channel, ZipEntryRecord entry)
            throws IOException, CheckpointException {
        if (entry == null || entry.method() != 0 || entry.uncompressedSize() > 16) {
            return;
        }
        byte[] bytes = new ChannelSlice(channel, entry.dataOffset(), entry.uncompressedSize()).readAllBytes();
        String order = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (order.equals("big")) {
            throw new CheckpointException("The archive's storages are big-endian (entry " + entry.name()
                    + "), but only little-endian storages can be converted");
        }
    }

    private static Object runPickle(FileChannel channel, ZipEntryRecord entry, ScanLimits limits, ValueTracker tracker)
            throws IOException, CheckpointException {
        Inflater inflater = new Inflater(true);
        try (InputStream data = ArchiveScanner.open(channel, entry, inflater)) {
            PickleInput in = new PickleInput(data, entry.uncompressedSize(), limits.maxStringLength(),
                    limits.maxStringBytes());
            return TrackedPickle.run(in, limits, tracker, "pickle " + entry.name());
        } finally {
            inflater.end();
        }
    }

    private static TorchStorage locate(FileChannel channel, StorageRef storage, ZipEntryRecord entry)
            throws IOException, CheckpointException {
        if (entry == null) {
            throw new CheckpointException("Storage " + storage.key() + " has no data/" + storage.key()
                    + " entry in the archive");
        }
        if (entry.method() != 0 || entry.compressedSize() != entry.uncompressedSize()) {
            throw new CheckpointException("Storage entry " + entry.name() + " is compressed with method "
                    + entry.method() + ", but torch stores storages uncompressed (method 0)");
        }
        if (storage.elements() < 0 || storage.elements() > MAX_ELEMENTS) {
            throw new CheckpointException("The persistent id of storage " + storage.key()
                    + " does not give a valid element count");
        }
        TorchStorage located = new TorchStorage(storage.key(), TorchStorage.dtypeOf(storage.type()),
                storage.elements(), entry.name(), entry.dataOffset());
        if (located.byteLength() > entry.uncompressedSize()
                || entry.dataOffset() + located.byteLength() > channel.size()) {
            throw new CheckpointException("Storage entry " + entry.name() + " has " + entry.uncompressedSize()
                    + " bytes, but its persistent id declares " + storage.elements() + " elements of "
                    + located.dtype() + " (" + located.byteLength() + " bytes)");
        }
        return located;
    }
}
