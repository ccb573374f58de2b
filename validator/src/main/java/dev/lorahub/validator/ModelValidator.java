package dev.lorahub.validator;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.validator.lora.LoraConsistency;
import dev.lorahub.validator.pickle.PickleScanner;
import dev.lorahub.validator.safetensors.NumericScan;
import dev.lorahub.validator.safetensors.SafetensorsValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Validator of an uploaded model file, which picks the checks by the file's content, never by its name.
 *
 * <p>A pickle checkpoint goes to {@link PickleScanner}. That is a file starting with the zip signature
 * {@code PK\3\4}, or with the pickle PROTO opcode 0x80 and a protocol of 2 to 5 whose first 8 bytes do not
 * also read as the length of a safetensors header that starts with <code>{</code>. Every other file is
 * read as safetensors: first its structure ({@link SafetensorsValidator}), and if that passes, its LoRA
 * modules ({@link LoraConsistency}, which rejects a file without any as {@code not-a-lora}) and, on request,
 * the values of its tensors ({@link NumericScan}).
 */
public final class ModelValidator {

    private static final int ZIP_LOCAL_HEADER = 0x04034b50;
    private static final int PICKLE_PROTO = 0x80;
    private static final String NOT_A_PICKLE = "not-a-pickle";
    private static final java.util.Set<String> NOT_SAFETENSORS_CODES = java.util.Set.of(
            "header-too-small", "header-too-large", "invalid-header-length", "invalid-utf8", "invalid-json",
            "not-an-object");

    private ModelValidator() {}

    /**
     * Validates the file, opening and closing it.
     *
     * @param fullScan whether to read every floating-point tensor for NaN and infinite values
     * @throws IOException if the file cannot be read, but an invalid file gives findings instead
     */
    public static ValidationReport validate(Path file, boolean fullScan) throws IOException {
        if (isPickle(file)) {
            return new PickleScanner().scan(file);
        }
        ValidationReport structure = SafetensorsValidator.validate(file);
        if (structure.verdict() == Verdict.REJECTED) {
            return notSafetensors(structure) ? pickleOrStructure(file, structure) : structure;
        }

        List<Finding> findings = new ArrayList<>(structure.findings());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsReader.read(channel);
            findings.addAll(LoraConsistency.check(header, ScalarReader.of(channel, header)));
            if (fullScan) {
                findings.addAll(NumericScan.scan(file, header));
            }
        } catch (SafetensorsException e) {
            // The file changed after the structure check passed.
            findings.add(SafetensorsValidator.structureFinding(e));
        }
        return ValidationReport.of(findings);
    }

    /**
     * Returns the pickle scanner's report when the scanner found anything in the file, even a payload before a parse
     * error. Protocol 0 and 1 pickles have no PROTO opcode to recognise them by, so a file that is not safetensors at
     * all is also tried as a pickle, which names the dangerous global it calls. A file that is neither gets both
     * findings: not safetensors, and not a pickle or torch checkpoint.
     */
    private static ValidationReport pickleOrStructure(Path file, ValidationReport structure) throws IOException {
        ValidationReport pickle = new PickleScanner().scan(file);
        boolean readAsPickle = pickle.findings().stream().anyMatch(finding -> !NOT_A_PICKLE.equals(finding.code()));
        if (readAsPickle) {
            return pickle;
        }
        List<Finding> neither = new ArrayList<>(structure.findings());
        neither.addAll(pickle.findings());
        return ValidationReport.of(neither);
    }

    /** Returns whether the file failed before its header could be read as JSON, so it may be another format. */
    private static boolean notSafetensors(ValidationReport structure) {
        return structure.findings().stream().map(Finding::code).anyMatch(NOT_SAFETENSORS_CODES::contains);
    }

    private static boolean isPickle(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(9);
        }
        if (start.length >= 4 && ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getInt() == ZIP_LOCAL_HEADER) {
            return true;
        }
        boolean proto = start.length >= 2 && Byte.toUnsignedInt(start[0]) == PICKLE_PROTO && start[1] >= 2 && start[1] <= 5;
        return proto && !looksLikeSafetensors(start, Files.size(file));
    }

    /** Returns whether the first 8 bytes are a header length that fits the file and byte 8 opens a JSON object. */
    private static boolean looksLikeSafetensors(byte[] start, long fileLength) {
        if (start.length < 9) {
            return false;
        }
        long headerLength = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return headerLength > 0 && headerLength <= fileLength - 8 && start[8] == '{';
    }
}
