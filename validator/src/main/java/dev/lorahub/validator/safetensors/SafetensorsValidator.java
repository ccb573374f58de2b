package dev.lorahub.validator.safetensors;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.validator.Finding;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structural validator of safetensors files. It reads the header, never the tensor data.
 *
 * <p>A file that breaks a format rule of {@link SafetensorsReader} gets one REJECTED finding whose code is
 * the reader's reason code, such as {@code invalid-offsets}, with the reader's tensor as location and the
 * reader's arguments. A valid file may get the warnings of {@link SafetensorsRule}: empty tensors, and
 * headers that do not start with <code>{"</code> or are not padded to a multiple of 8 bytes.
 */
public final class SafetensorsValidator {

    private static final int HEADER_LENGTH_ALIGNMENT = 8;

    private SafetensorsValidator() {}

    /**
     * Validates the structure of the file, opening and closing it.
     *
     * @throws IOException if the file cannot be read, but an invalid file gives findings instead
     */
    public static ValidationReport validate(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header;
            try {
                header = SafetensorsReader.read(channel);
            } catch (SafetensorsException e) {
                return ValidationReport.of(List.of(structureFinding(e)));
            }

            List<Finding> findings = new ArrayList<>(headerLayout(channel, header));
            findings.addAll(emptyTensors(header));
            return ValidationReport.of(findings);
        }
    }

    /** Returns the REJECTED finding for a format rule that the file breaks, with the reader's code and arguments. */
    public static Finding structureFinding(SafetensorsException e) {
        String location = e.tensor() == null ? "" : e.tensor();
        return new Finding(e.reason().code(), Verdict.REJECTED, location, e.getMessage(), e.arguments());
    }

    private static List<Finding> headerLayout(FileChannel channel, SafetensorsHeader header) throws IOException {
        List<Finding> findings = new ArrayList<>();
        String start = headerStart(channel, header);
        if (!start.equals("{\"")) {
            findings.add(SafetensorsRule.WEBUI_UNREADABLE_HEADER.finding("byte 8", quoted(start)));
        }
        long remainder = header.headerLength() % HEADER_LENGTH_ALIGNMENT;
        if (remainder != 0) {
            findings.add(SafetensorsRule.UNALIGNED_HEADER.finding("", header.headerLength(), remainder));
        }
        return findings;
    }

    /** Reads up to the first two bytes of the JSON header, which the reader has already checked to be UTF-8. */
    private static String headerStart(FileChannel channel, SafetensorsHeader header) throws IOException {
        ByteBuffer start = ByteBuffer.allocate((int) Math.min(2, header.headerLength()));
        while (start.hasRemaining()) {
            if (channel.read(start, 8L + start.position()) < 0) {
                break;
            }
        }
        return new String(start.array(), 0, start.position(), StandardCharsets.UTF_8);
    }

    /** Returns the text as a JSON string literal, so that whitespace and quotes stay visible in the message. */
    private static String quoted(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    private static List<Finding> emptyTensors(SafetensorsHeader header) {
        List<Finding> findings = new ArrayList<>();
        for (TensorInfo tensor : header.tensors()) {
            if (tensor.elementCount() == 0) {
                List<Long> shape = Arrays.stream(tensor.shape()).boxed().toList();
                findings.add(SafetensorsRule.EMPTY_TENSOR.finding(tensor.name(), tensor.name(), shape));
            }
        }
        return findings;
    }
}
