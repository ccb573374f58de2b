package dev.lorahub.hub.upload;

import dev.lorahub.formats.hash.HashingOutputStream;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Reads a multipart/form-data upload as it arrives: the {@code metadata} part into memory (it is small), each
 * {@code file} part straight into a temporary file while its hashes are computed, so no file is held whole in memory.
 */
public final class MultipartReader {

    static final int METADATA_MAX_BYTES = 1 << 20;
    private static final int COPY_BUFFER_BYTES = 1 << 20;

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
        List<ReceivedFile> files = new ArrayList<>();
        String metadata = null;
        try {
            FileItemInputIterator parts = parser().getItemIterator(new BodyContext(body, contentType, contentLength));
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("metadata".equals(part.getFieldName())) {
                    metadata = readMetadata(part);
                } else if ("file".equals(part.getFieldName())) {
                    files.add(receive(part));
                }
            }
            return new UploadParts(metadata, files);
        } catch (FileUploadSizeException e) {
            new UploadParts(null, files).close();
            throw new ProblemException(413, "upload-too-large", e.getActualSize(), maxSize);
        } catch (FileUploadException e) {
            new UploadParts(null, files).close();
            throw ProblemException.badRequest("malformed-multipart", e.getMessage());
        } catch (IOException | RuntimeException e) {
            new UploadParts(null, files).close();
            throw e;
        }
    }

    private Parser parser() {
        Parser parser = new Parser();
        parser.setSizeMax(maxSize);
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        return parser;
    }

    private static String readMetadata(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(METADATA_MAX_BYTES + 1);
            if (bytes.length > METADATA_MAX_BYTES) {
                throw ProblemException.badRequest("metadata-too-large", METADATA_MAX_BYTES);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private ReceivedFile receive(FileItemInput part) throws IOException {
        String name = part.getName() == null ? "" : part.getName();
        Path temporary = tempFiles.create(".part");
        try (InputStream in = part.getInputStream();
                HashingOutputStream out = new HashingOutputStream(Files.newOutputStream(temporary))) {
            long size = copy(in, out);
            out.close();
            return new ReceivedFile(name, temporary, size, out.finish());
        } catch (IOException | RuntimeException e) {
            TempFiles.deleteQuietly(temporary);
            throw e;
        }
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long total = 0;
        for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
            out.write(buffer, 0, count);
            total += count;
        }
        return total;
    }

    /** The parser of commons-fileupload over a plain stream: only its streaming iterator is used. */
    private static final class Parser extends AbstractFileUpload<BodyContext, DiskFileItem, DiskFileItemFactory> {

        @Override
        public FileItemInputIterator getItemIterator(BodyContext request) throws FileUploadException, IOException {
            return super.getItemIterator((RequestContext) request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(BodyContext request) {
            throw new UnsupportedOperationException("uploads are read as a stream");
        }

        @Override
        public List<DiskFileItem> parseRequest(BodyContext request) {
            throw new UnsupportedOperationException("uploads are read as a stream");
        }
    }

    private record BodyContext(InputStream body, String contentType, long contentLength) implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
