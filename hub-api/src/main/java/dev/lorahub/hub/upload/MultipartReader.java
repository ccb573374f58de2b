package dev.lorahub.hub.upload;

import dev.lorahub.formats.hash.HashingOutputStream;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads a multipart/form-data upload as it arrives: text fields such as {@code metadata} into memory (they are small),
 * each {@code file} part straight into a temporary file while its hashes are computed, so no file is held whole in
 * memory.
 * Jetty's multipart parser finds the part boundaries; this class only moves the bytes.
 */
public final class MultipartReader {

    static final int FIELD_MAX_BYTES = 1 << 20;
    static final int MAX_PARTS = 16;
    private static final int READ_BUFFER_BYTES = 1 << 20;

    private final TempFiles tempFiles;
    private final long maxSize;

    public MultipartReader(TempFiles tempFiles, long maxSize) {
        this.tempFiles = tempFiles;
        this.maxSize = maxSize;
    }

    /** Reads every part; on any failure the temporary files written so far are deleted before the exception leaves. */
    public UploadParts read(InputStream body, String contentType, long contentLength) throws IOException {
        if (contentLength > maxSize) {
            throw new ProblemException(413, "upload-too-large", contentLength, maxSize);
        }
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw ProblemException.badRequest("malformed-multipart", "no boundary in Content-Type " + contentType);
        }

        PartCollector parts = new PartCollector(tempFiles);
        try {
            feed(body, new MultiPart.Parser(boundary, parts), parts);
            return parts.result();
        } catch (IOException | RuntimeException e) {
            parts.discard();
            throw e;
        }
    }

    private void feed(InputStream body, MultiPart.Parser parser, PartCollector parts) throws IOException {
        parser.setMaxParts(MAX_PARTS);
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        long total = 0;
        for (int count = body.read(buffer); count >= 0; count = body.read(buffer)) {
            total += count;
            if (total > maxSize) {
                throw new ProblemException(413, "upload-too-large", total, maxSize);
            }
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, count), false));
            parts.throwIfFailed();
        }
        parser.parse(Content.Chunk.EOF);
        parts.throwIfFailed();
        if (!parts.isComplete()) {
            throw ProblemException.badRequest("malformed-multipart", "the body ends before the closing boundary");
        }
    }

    /**
     * Receives the parser's events and writes each part where it belongs. Failures are recorded rather than thrown,
     * because they happen inside the parser's callbacks; the reader rethrows them after each chunk.
     */
    private static final class PartCollector extends MultiPart.AbstractPartsListener {

        private final TempFiles tempFiles;
        private final List<ReceivedFile> files = new ArrayList<>();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private String currentField;
        private PartSink current;
        private Exception failure;
        private boolean complete;

        PartCollector(TempFiles tempFiles) {
            this.tempFiles = tempFiles;
        }

        @Override
        public void onPartHeaders() {
            if (failure != null) {
                return;
            }
            String name = String.valueOf(getName());
            if (!"file".equals(name) && fields.containsKey(name)) {
                failure = ProblemException.badRequest("duplicate-part", name);
                return;
            }
            try {
                currentField = name;
                current = "file".equals(name)
                        ? PartSink.file(tempFiles, getFileName())
                        : PartSink.memory(FIELD_MAX_BYTES, name, getFileName());
            } catch (IOException e) {
                failure = e;
            }
        }

        /** Writes a chunk at once; the parser owns the chunk and its buffer, which is reused after this returns. */
        @Override
        public void onPartContent(Content.Chunk chunk) {
            try {
                if (failure == null && current != null) {
                    current.write(chunk.getByteBuffer());
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void onPart(String name, String fileName, org.eclipse.jetty.http.HttpFields headers) {
            if (failure != null || current == null) {
                return;
            }
            try {
                PartSink finished = current;
                current = null;
                if (finished.isFile()) {
                    files.add(finished.closeFile());
                } else if (finished.isMemory()) {
                    fields.put(currentField, finished.text());
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            if (failure == null) {
                failure = ProblemException.badRequest("malformed-multipart", cause.getMessage());
            }
        }

        void throwIfFailed() throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
        }

        boolean isComplete() {
            return complete;
        }

        UploadParts result() {
            return new UploadParts(Map.copyOf(fields), List.copyOf(files));
        }

        void discard() {
            if (current != null) {
                current.abort();
            }
            new UploadParts(Map.of(), files).close();
        }
    }

    /** The destination of one part's bytes: memory for a text field, a hashed temporary file for a file. */
    private static final class PartSink {

        private final java.io.ByteArrayOutputStream memory;
        private final int memoryLimit;
        private final HashingOutputStream file;
        private final java.nio.file.Path temporaryFile;
        private final String fileName;
        private final String fieldName;
        private long size;

        private PartSink(java.io.ByteArrayOutputStream memory, int memoryLimit, HashingOutputStream file,
                java.nio.file.Path temporaryFile, String fileName, String fieldName) {
            this.memory = memory;
            this.memoryLimit = memoryLimit;
            this.file = file;
            this.temporaryFile = temporaryFile;
            this.fileName = fileName;
            this.fieldName = fieldName;
        }

        /**
         * Returns a sink for a text field. A field may come from a small file ({@code -F metadata=@meta.json}), so a
         * file name alone is no error; a large file under another name than {@code file} is reported as such.
         */
        static PartSink memory(int limit, String fieldName, String fileName) {
            return new PartSink(new java.io.ByteArrayOutputStream(), limit, null, null, fileName, fieldName);
        }

        static PartSink file(TempFiles tempFiles, String fileName) throws IOException {
            java.nio.file.Path temporary = tempFiles.create(".part");
            try {
                HashingOutputStream out = new HashingOutputStream(java.nio.file.Files.newOutputStream(temporary));
                return new PartSink(null, 0, out, temporary, fileName == null ? "" : fileName, "file");
            } catch (IOException | RuntimeException e) {
                TempFiles.deleteQuietly(temporary);
                throw e;
            }
        }

        boolean isFile() {
            return file != null;
        }

        boolean isMemory() {
            return memory != null;
        }

        void write(ByteBuffer bytes) throws IOException {
            int length = bytes.remaining();
            size += length;
            if (memory != null && size > memoryLimit) {
                throw fileName != null
                        ? ProblemException.badRequest("file-in-wrong-part", fieldName, fileName)
                        : ProblemException.badRequest("field-too-large", memoryLimit);
            }
            byte[] array;
            int offset;
            if (bytes.hasArray()) {
                array = bytes.array();
                offset = bytes.arrayOffset() + bytes.position();
            } else {
                array = new byte[length];
                bytes.duplicate().get(array);
                offset = 0;
            }
            if (memory != null) {
                memory.write(array, offset, length);
            } else {
                file.write(array, offset, length);
            }
        }

        String text() {
            return memory.toString(java.nio.charset.StandardCharsets.UTF_8);
        }

        ReceivedFile closeFile() throws IOException {
            try {
                file.close();
                return new ReceivedFile(fileName, temporaryFile, size, file.finish());
            } catch (IOException | RuntimeException e) {
                TempFiles.deleteQuietly(temporaryFile);
                throw e;
            }
        }

        void abort() {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException | RuntimeException ignored) {
                    // The upload already failed; the temporary file is removed below either way.
                }
                TempFiles.deleteQuietly(temporaryFile);
            }
        }
    }
}
