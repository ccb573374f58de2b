package dev.lorahub.hub.upload;

import dev.lorahub.converter.pickle.PickleConversion;
import dev.lorahub.formats.hash.FileHashes;
import dev.lorahub.formats.hash.HashingOutputStream;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.hub.model.DownloadNames;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.TempFiles;
import dev.lorahub.validator.ModelValidator;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import dev.lorahub.validator.pickle.CheckpointException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Pickle checkpoints in uploads: scanned by the validator, which rejects any that would call code outside the
 * allowlist, then converted to safetensors without running any of their code. The hub stores the converted file.
 */
@ApplicationScoped
public class PickleUploads {

    private static final Logger LOG = Logger.getLogger(PickleUploads.class);

    /** Offset of a safetensors file's JSON header, after its 8-byte length. */
    private static final int SAFETENSORS_JSON_START = 8;

    @Inject
    TempFiles tempFiles;

    /**
     * Tells a pickle checkpoint by its first bytes, whatever its name: the PROTO opcode of a plain or legacy torch
     * pickle ({@code 0x80} and a protocol from 2 to 5) or the zip header of a torch.save archive ({@code PK\3\4}).
     * Such files can run code when loaded, so the hub converts them without running them.
     */
    public static boolean isPickleCheckpoint(ReceivedFile file) throws IOException {
        byte[] start = new byte[SAFETENSORS_JSON_START + 1];
        int read;
        try (InputStream in = Files.newInputStream(file.temporaryFile())) {
            read = in.readNBytes(start, 0, start.length);
        }
        if (read < 2) {
            return false;
        }
        boolean pickle = (start[0] & 0xff) == 0x80 && start[1] >= 2 && start[1] <= 5;
        boolean zip = start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;
        if (pickle || zip) {
            return true;
        }
        // A safetensors header starts with '{' after the 8-byte length, so only other files need the slower test.
        boolean jsonHeader = read > SAFETENSORS_JSON_START && start[SAFETENSORS_JSON_START] == '{';
        return !jsonHeader && isOldProtocolPickle(file);
    }

    /**
     * Tells a protocol 0 or 1 pickle, which has no leading byte to recognise it by: a file that is not valid
     * safetensors but that the validator reads as a pickle.
     */
    private static boolean isOldProtocolPickle(ReceivedFile file) throws IOException {
        try {
            SafetensorsReader.read(file.temporaryFile());
            return false;
        } catch (SafetensorsException e) {
            return FileValidation.asPickle(file, e.reason().code()).isPresent();
        }
    }

    /**
     * Converts a scanned pickle checkpoint to a safetensors temporary file, hashed like a received file. The caller
     * deletes the returned file; on failure nothing is left.
     */
    public ReceivedFile convert(ReceivedFile checkpoint) throws IOException {
        return convertScanned(checkpoint, scan(checkpoint));
    }

    /** Returns the 422 for a checkpoint that cannot be converted, naming the uploaded file, not the temporary one. */
    public static ProblemException conversionFailed(ReceivedFile checkpoint, CheckpointException e) {
        String reason = String.valueOf(e.getMessage())
                .replace(checkpoint.temporaryFile().getFileName().toString(), checkpoint.fileName());
        return ProblemException.unprocessable("conversion-failed", checkpoint.fileName(), reason);
    }

    /** Scans a pickle checkpoint and rejects it with 422 and the findings when the validator rejects it. */
    public ValidationReport scan(ReceivedFile checkpoint) throws IOException {
        ValidationReport scan = ModelValidator.validate(checkpoint.temporaryFile(), false);
        if (scan.verdict() == Verdict.REJECTED) {
            throw FileValidation.rejection(checkpoint, scan);
        }
        return scan;
    }

    /** Converts a checkpoint that {@link #scan} accepted; see {@link #convert}. */
    public ReceivedFile convertScanned(ReceivedFile checkpoint, ValidationReport scan) throws IOException {
        Path converted = tempFiles.create(".safetensors");
        try {
            PickleConversion.convert(checkpoint.temporaryFile(), converted);
            FileHashes hashes = HashingOutputStream.hash(converted);
            LOG.infof("Converted pickle checkpoint %s (sha256 %s) to safetensors (sha256 %s)", checkpoint.fileName(),
                    checkpoint.hashes().sha256(), hashes.sha256());
            String name = DownloadNames.asSafetensors(checkpoint.fileName());
            return new ReceivedFile(name, converted, Files.size(converted), hashes);
        } catch (CheckpointException e) {
            TempFiles.deleteQuietly(converted);
            throw conversionFailed(checkpoint, e);
        } catch (IOException | RuntimeException e) {
            TempFiles.deleteQuietly(converted);
            throw e;
        }
    }
}
