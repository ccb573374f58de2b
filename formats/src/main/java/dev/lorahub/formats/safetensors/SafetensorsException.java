package dev.lorahub.formats.safetensors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invalid safetensors file: a header or data layout that the format rules reject.
 *
 * <p>The message is English and states the expected and the actual value. To render it in another
 * language, take the template of {@link #reason()} and fill its placeholders {@code {0}}, {@code {1}},
 * … with {@link #arguments()}: each {@link Reason} documents what its arguments are.
 */
public class SafetensorsException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String tensor;
    private final List<Object> arguments;

    /**
     * Creates an exception whose message is the reason's template filled with {@link #arguments()}.
     *
     * @param tensor the name of the tensor involved, or null when the failure concerns no tensor; when
     *     given, it becomes argument {0} and {@code details} follow it
     * @param details the other values of the template, in order
     */
    public SafetensorsException(Reason reason, String tensor, Object... details) {
        this(withTensor(tensor, details), reason, tensor);
    }

    private SafetensorsException(List<Object> arguments, Reason reason, String tensor) {
        super(reason.format(arguments.toArray()));
        this.reason = reason;
        this.tensor = tensor;
        this.arguments = arguments;
    }

    /** Returns the rule that the file breaks. */
    public Reason reason() {
        return reason;
    }

    /** Returns the name of the tensor involved, or null when the failure concerns no tensor. */
    public String tensor() {
        return tensor;
    }

    /** Returns the values that fill the placeholders of the reason's template, in order: the tensor name first. */
    public List<Object> arguments() {
        return arguments;
    }

    private static List<Object> withTensor(String tensor, Object[] details) {
        List<Object> arguments = new ArrayList<>();
        if (tensor != null) {
            arguments.add(tensor);
        }
        arguments.addAll(Arrays.asList(details));
        return Collections.unmodifiableList(arguments);
    }

    /**
     * Rule of the safetensors format, with a stable code for APIs and an English message template.
     *
     * <p>Shapes are arguments of type {@code List<Long>}, dtypes are {@link DType} values or, for an
     * unknown dtype, the string from the header. All other numbers are {@code Long}, except where noted.
     */
    public enum Reason {
        /** {0} = file length. */
        HEADER_TOO_SMALL("header-too-small", "file is {0} bytes long, but a safetensors file needs at least 8"),
        /** {0} = header length as an unsigned 64-bit number ({@code BigInteger} above 2^63-1), {1} = limit. */
        HEADER_TOO_LARGE("header-too-large", "header length {0} exceeds the limit of {1} bytes"),
        /** {0} = header length, {1} = 8 + header length, {2} = file length. */
        INVALID_HEADER_LENGTH(
                "invalid-header-length", "header length {0} needs a file of at least {1} bytes, but the file has {2}"),
        /** {0} = file offset of the first byte that is not valid UTF-8. */
        INVALID_UTF8("invalid-utf8", "header is not valid UTF-8 at byte {0} of the file"),
        /** {0} = file offset where the JSON parser stopped, {1} = the parser's message. */
        INVALID_JSON("invalid-json", "header is not valid JSON at byte {0} of the file: {1}"),
        /** {0} = the JSON type of the header, such as {@code array}. */
        NOT_AN_OBJECT("not-an-object", "header must be a JSON object, but is a JSON {0}"),
        /** {0} = the key that occurs twice within one JSON object. */
        DUPLICATE_KEY("duplicate-key", "header contains the key {0} twice in one JSON object"),
        /**
         * {0} = tensor, {1} = field ({@code entry}, {@code dtype}, {@code shape} or {@code data_offsets}),
         * {2} = the expected form in English, {3} = the actual JSON value, or {@code missing}.
         */
        INVALID_ENTRY("invalid-entry", "tensor {0}: {1} must be {2}, but is {3}"),
        /** {0} = tensor, {1} = dtype string. */
        UNKNOWN_DTYPE("unknown-dtype", "tensor {0}: unknown dtype {1}"),
        /** {0} = tensor, {1} = shape as text, such as {@code [4, -1]}. */
        INVALID_SHAPE("invalid-shape", "tensor {0}: shape {1} has a negative dimension"),
        /** {0} = tensor, {1} = shape as text, such as {@code [4, 320]}, {2} = dtype. */
        SIZE_OVERFLOW("size-overflow", "tensor {0}: shape {1} of {2} has more bytes than a 64-bit size can count"),
        /** {0} = tensor, {1} = shape, {2} = dtype, {3} = total bits as a {@code BigInteger}. */
        MISALIGNED_SIZE("misaligned-size", "tensor {0}: shape {1} of {2} has {3} bits, which is not a whole number of bytes"),
        /** {0} = tensor, {1} = begin, {2} = end, {3} = span, {4} = shape, {5} = dtype, {6} = bytes needed. */
        SIZE_MISMATCH("size-mismatch", "tensor {0}: data_offsets [{1}, {2}] span {3} bytes, but shape {4} of {5} needs {6}"),
        /** {0} = tensor, {1} = begin, {2} = end, {3} = where the tensor must begin: the previous tensor's end, or 0. */
        INVALID_OFFSETS(
                "invalid-offsets",
                "tensor {0}: data_offsets [{1}, {2}] leave a hole or overlap, because the tensor must begin at {3}"),
        /** {0} = tensor, {1} = begin, {2} = end. */
        REVERSED_OFFSETS("reversed-offsets", "tensor {0}: data_offsets [{1}, {2}] end before they begin"),
        /** {0} = tensor, {1} = the offset as a {@code BigInteger}, {2} = the largest valid offset. */
        OFFSET_OUT_OF_RANGE("offset-out-of-range", "tensor {0}: data offset {1} is outside the range 0 to {2}"),
        /** {0} = tensor that ends last, {1} = data length the header describes, {2} = data length in the file. */
        TRUNCATED_DATA(
                "truncated-data",
                "tensor {0} ends at byte {1} of the data section, but the file contains only {2} bytes of tensor data"),
        /** {0} = data length the header describes, {1} = data length in the file, {2} = trailing bytes. */
        TRAILING_DATA(
                "trailing-data",
                "the tensors end at byte {0} of the data section, but the file contains {1} bytes of tensor data: {2} bytes trail the last tensor"),
        /** {0} = path of the offending value ({@code __metadata__} or {@code __metadata__.key}), {1} = its JSON type. */
        INVALID_METADATA("invalid-metadata", "__metadata__ must be a JSON object of strings, but {0} is a JSON {1}");

        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

        private final String code;
        private final String template;

        Reason(String code, String template) {
            this.code = code;
            this.template = template;
        }

        /** Returns the stable lower-case code used in API responses, such as {@code header-too-small}. */
        public String code() {
            return code;
        }

        /** Returns the English message template with placeholders {@code {0}}, {@code {1}}, …. */
        public String template() {
            return template;
        }

        /**
         * Fills the template's placeholders with {@code String.valueOf} of each argument, in one pass so that
         * braces inside an argument stay as they are. A placeholder without an argument stays in the text.
         */
        public String format(Object... arguments) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder message = new StringBuilder();
            while (matcher.find()) {
                int index = Integer.parseInt(matcher.group(1));
                String value = index < arguments.length ? String.valueOf(arguments[index]) : matcher.group();
                matcher.appendReplacement(message, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(message);
            return message.toString();
        }
    }
}
