package dev.lorahub.formats.hash;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;
import org.apache.commons.codec.digest.Blake3;

/**
 * Output stream that passes every byte to the wrapped stream and computes the {@link FileHashes} of
 * what passed, except BLAKE3, in the same pass.
 *
 * <p>The whole-file SHA-256, AutoV1 and CRC-32 run on the writing thread. The AutoV3 SHA-256, which
 * covers nearly the same bytes, runs on one background thread, so the two SHA-256 digests can use two
 * cores. Writes go through to the wrapped stream unbuffered, so write in large chunks. Closing this
 * stream closes the wrapped stream and ends the background thread, also when a write failed: use
 * try-with-resources. Then {@link #finish()} returns the hashes. Not thread-safe.
 */
public final class HashingOutputStream extends FilterOutputStream {

    static final long AUTOV1_OFFSET = 0x100000;
    static final int AUTOV1_LENGTH = 0x10000;
    static final long AUTOV1_MIN_FILE_LENGTH = 2L * 1024 * 1024;

    private static final int READ_BUFFER_SIZE = 1 << 20;

    private final MessageDigest sha256 = newSha256();
    private final MessageDigest autoV1 = newSha256();
    private final CRC32 crc32 = new CRC32();
    private final BackgroundDigest tensorData = new BackgroundDigest(newSha256(), "lorahub-autov3-sha256");
    private final byte[] lengthPrefix = new byte[8];
    private final byte[] singleByte = new byte[1];
    private long position;
    /** File offset of the safetensors data section, 8 + N; {@code Long.MAX_VALUE} until known or when impossible. */
    private long dataOffset = Long.MAX_VALUE;
    private boolean closed;
    private boolean writeFailed;
    private FileHashes hashes;

    /** Wraps the stream that the bytes go to; this stream closes it on {@link #close()}. */
    public HashingOutputStream(OutputStream out) {
        super(out);
    }

    /** Returns the hashes of a file, read once from disk. */
    public static FileHashes hash(Path file) throws IOException {
        HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream());
        try (InputStream in = Files.newInputStream(file); hashing) {
            byte[] buffer = new byte[READ_BUFFER_SIZE];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                hashing.write(buffer, 0, read);
            }
        }
        return hashing.finish();
    }

    /** Returns the BLAKE3 hash of a file as 64 lower-case hex digits, streaming it from disk. */
    public static String blake3(Path file) throws IOException {
        Blake3 blake3 = Blake3.initHash();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[READ_BUFFER_SIZE];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                blake3.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(blake3.doFinalize(32));
    }

    @Override
    public void write(int b) throws IOException {
        singleByte[0] = (byte) b;
        write(singleByte, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (closed) {
            throw new IOException("write to a closed HashingOutputStream");
        }
        try {
            out.write(bytes, offset, length);
            update(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            writeFailed = true;
            throw e;
        }
    }

    /** Flushes and closes the wrapped stream, then completes the hashes. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
            if (!writeFailed) {
                hashes = completeHashes();
            }
        } finally {
            tensorData.stop();
        }
    }

    /**
     * Returns the hashes of all bytes written.
     *
     * @throws IllegalStateException if the stream is still open, or a write or the close failed
     */
    public FileHashes finish() {
        if (hashes == null) {
            throw new IllegalStateException(closed
                    ? "no hashes: a write or the close of the HashingOutputStream failed"
                    : "close the HashingOutputStream before calling finish()");
        }
        return hashes;
    }

    private void update(byte[] bytes, int offset, int length) throws IOException {
        sha256.update(bytes, offset, length);
        crc32.update(bytes, offset, length);
        updateAutoV1(bytes, offset, length);
        readLengthPrefix(bytes, offset, length);
        updateTensorData(bytes, offset, length);
        position += length;
    }

    private void updateAutoV1(byte[] bytes, int offset, int length) {
        long from = Math.max(position, AUTOV1_OFFSET);
        long to = Math.min(position + length, AUTOV1_OFFSET + AUTOV1_LENGTH);
        if (from < to) {
            autoV1.update(bytes, offset + (int) (from - position), (int) (to - from));
        }
    }

    /** Collects the first 8 bytes, the little-endian header length N of a safetensors file. */
    private void readLengthPrefix(byte[] bytes, int offset, int length) {
        if (position >= lengthPrefix.length) {
            return;
        }
        int copied = (int) Math.min(length, lengthPrefix.length - position);
        System.arraycopy(bytes, offset, lengthPrefix, (int) position, copied);
        if (position + copied == lengthPrefix.length) {
            long headerLength = ByteBuffer.wrap(lengthPrefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
            boolean fitsInFile = headerLength >= 0 && headerLength <= Long.MAX_VALUE - 8;
            dataOffset = fitsInFile ? 8 + headerLength : Long.MAX_VALUE;
        }
    }

    private void updateTensorData(byte[] bytes, int offset, int length) throws IOException {
        long from = Math.max(position, dataOffset);
        long to = position + length;
        if (from < to) {
            tensorData.update(bytes, offset + (int) (from - position), (int) (to - from));
        }
    }

    private FileHashes completeHashes() throws IOException {
        HexFormat hex = HexFormat.of();
        String sha = hex.formatHex(sha256.digest());
        String autoV1Hash = position >= AUTOV1_MIN_FILE_LENGTH ? hex.formatHex(autoV1.digest()).substring(0, 8) : null;
        byte[] tensorDataDigest = tensorData.finish();
        String autoV3 = dataOffset <= position ? hex.formatHex(tensorDataDigest) : null;
        String crc = String.format("%08x", crc32.getValue());
        return new FileHashes(sha, autoV1Hash, sha.substring(0, 10), autoV3, crc, null);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
