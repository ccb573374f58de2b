package dev.lorahub.hub.convert;

import dev.lorahub.converter.basemodel.BaseModel;
import dev.lorahub.converter.basemodel.BaseModelDetector;
import dev.lorahub.converter.layout.KeyLayout;
import dev.lorahub.converter.layout.LayoutConversion;
import dev.lorahub.converter.pickle.PickleConversion;
import dev.lorahub.converter.pickle.PickleConversionResult;
import dev.lorahub.converter.safetensors.DtypeConversion;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.TempFiles;
import dev.lorahub.hub.upload.FileValidation;
import dev.lorahub.hub.upload.PickleUploads;
import dev.lorahub.hub.upload.ReceivedFile;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.pickle.CheckpointException;
import dev.lorahub.validator.safetensors.SafetensorsValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs the converter's steps on an uploaded file, each into a new temporary file, and returns the last one. A pickle
 * checkpoint is scanned and converted to safetensors first.
 */
@ApplicationScoped
public class Conversions {

    static final List<DType> TARGET_DTYPES = List.of(DType.F32, DType.F16, DType.BF16);

    private static final Logger LOG = Logger.getLogger(Conversions.class);

    @Inject
    TempFiles tempFiles;

    @Inject
    PickleUploads pickles;

    /** The converted file, which the caller deletes, and how many values became infinite when narrowed to F16. */
    public record Result(Path output, long overflowCount) {
    }

    /** Converts the file; on failure every temporary file of the conversion is deleted. */
    public Result convert(ReceivedFile upload, ConversionTarget target, String dtypeName) throws IOException {
        DType dtype = parseDtype(dtypeName);
        boolean pickle = PickleUploads.isPickleCheckpoint(upload);
        if (target.layout() == null && dtype != null && pickle) {
            return pickleInOnePass(upload, dtype);
        }
        ReceivedFile file = pickle ? pickles.convert(upload) : upload;
        SafetensorsHeader header = readHeader(file);
        // A file the upload would reject, such as one with a NaN alpha, must not come back converted as if sound.
        FileValidation.check(file, header, null);
        rejectUnconvertibleDtypes(file, header, dtype);

        // The upload's temporary file is deleted when the request ends, but the response streams after that.
        Path current = tempFiles.create(".safetensors");
        try {
            Files.move(file.temporaryFile(), current, StandardCopyOption.REPLACE_EXISTING);
            if (target.layout() != null) {
                BaseModel base = BaseModelDetector.detect(header).baseModel()
                        .orElseThrow(() -> ProblemException.unprocessable("base-model-unknown", file.fileName()));
                current = replace(current, (source, output) ->
                        convertLayout(file, source, output, target.layout(), base));
            }
            long[] overflows = {0};
            if (dtype != null) {
                current = replace(current, (source, output) ->
                        overflows[0] = DtypeConversion.convert(source, output, dtype).totalOverflowCount());
            }
            LOG.debugf("Converted %s to %s%s", file.fileName(), target.apiName(), dtype == null ? "" : " " + dtype);
            return new Result(current, overflows[0]);
        } catch (IOException | RuntimeException e) {
            TempFiles.deleteQuietly(current);
            throw e;
        }
    }

    /**
     * Converts a scanned pickle checkpoint straight to the requested dtype, reading its tensors once, rather than
     * writing an intermediate safetensors file and converting that.
     */
    private Result pickleInOnePass(ReceivedFile checkpoint, DType dtype) throws IOException {
        pickles.scan(checkpoint);
        Path output = tempFiles.create(".safetensors");
        try {
            PickleConversionResult converted = PickleConversion.convert(checkpoint.temporaryFile(), output, dtype);
            LOG.debugf("Converted pickle checkpoint %s to safetensors %s in one pass", checkpoint.fileName(), dtype);
            return new Result(output, converted.totalOverflowCount());
        } catch (CheckpointException e) {
            TempFiles.deleteQuietly(output);
            throw PickleUploads.conversionFailed(checkpoint, e);
        } catch (IOException | RuntimeException e) {
            TempFiles.deleteQuietly(output);
            throw e;
        }
    }

    /** Runs one step from {@code source} into a new file and deletes {@code source}, whatever the outcome. */
    private Path replace(Path source, Step step) throws IOException {
        Path output = tempFiles.create(".safetensors");
        try {
            step.run(source, output);
            return output;
        } catch (IOException | RuntimeException e) {
            TempFiles.deleteQuietly(output);
            throw e;
        } catch (SafetensorsException e) {
            TempFiles.deleteQuietly(output);
            throw ProblemException.unprocessable("conversion-failed", source.getFileName(), e.getMessage());
        } finally {
            TempFiles.deleteQuietly(source);
        }
    }

    private static void convertLayout(ReceivedFile file, Path source, Path output, KeyLayout layout, BaseModel base)
            throws SafetensorsException, IOException {
        try {
            LayoutConversion.convert(source, output, layout, base);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("conversion-failed", file.fileName(), e.getMessage());
        }
    }

    /** Reads the header, or rejects the file with the validator's findings: as safetensors, else as a pickle. */
    private static SafetensorsHeader readHeader(ReceivedFile file) throws IOException {
        try {
            return SafetensorsReader.read(file.temporaryFile());
        } catch (SafetensorsException e) {
            ValidationReport structure = SafetensorsValidator.validate(file.temporaryFile());
            throw FileValidation.rejection(file, FileValidation.asPickle(file, e.reason().code()).orElse(structure));
        }
    }

    /**
     * Refuses a dtype change of a file with F64 tensors: the converter narrows F32, F16 and BF16 only, and a result that
     * kept some tensors in F64 would look converted without being so.
     */
    private static void rejectUnconvertibleDtypes(ReceivedFile file, SafetensorsHeader header, DType dtype) {
        if (dtype == null) {
            return;
        }
        for (TensorInfo tensor : header.tensors()) {
            if (tensor.dtype() == DType.F64) {
                throw ProblemException.unprocessable("dtype-not-convertible", file.fileName(), tensor.name(),
                        tensor.dtype(), dtype);
            }
        }
    }

    private static DType parseDtype(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return TARGET_DTYPES.stream()
                .filter(dtype -> dtype.name().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("invalid-field", "dtype", name, "F32, F16, BF16"));
    }

    @FunctionalInterface
    private interface Step {
        void run(Path source, Path output) throws SafetensorsException, IOException;
    }
}
