package dev.lorahub.validator.pickle;

/**
 * Entry of a zip archive, with the name from the central directory and the one from its local header.
 *
 * @param name the name in the central directory, which torch's reader looks entries up by
 * @param localName the name in the local header, which other zip readers may use
 * @param method the compression method: 0 stored, 8 deflate
 * @param compressedSize bytes of data in the archive
 * @param uncompressedSize bytes after decompression, as the central directory declares them
 * @param dataOffset file offset of the entry's data, after its local header
 */
record ZipEntryRecord(
        String name, String localName, int method, long compressedSize, long uncompressedSize, long dataOffset) {}
