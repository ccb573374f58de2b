package dev.lorahub.validator.pickle;

import dev.lorahub.validator.FindingRule;
import dev.lorahub.validator.Verdict;

/**
 * Rule of the pickle scanner, with a stable code for APIs, the verdict it gives and an English message
 * template whose placeholders {@code {0}}, {@code {1}}, … the finding's arguments fill.
 *
 * <p>Numbers are {@code Long} or {@code Integer} arguments, except a ZIP64 entry count above 2^63 − 1,
 * which is a {@code BigInteger}. Sizes and strides are {@code List<Long>}, and all other arguments are
 * strings.
 */
public enum PickleRule implements FindingRule {
    /** {0} = global as {@code module.name}. */
    UNSAFE_GLOBAL("unsafe-global", Verdict.REJECTED,
            "pickle imports {0}, which is not on the allowlist of torch checkpoint globals"),
    /** {0} = opcode name, {1} = what the opcode calls, as text. */
    UNSAFE_CALL("unsafe-call", Verdict.REJECTED, "{0} calls {1}, which is not an allowed function"),
    /** {0} = what BUILD would set the state of, as text. */
    UNSAFE_BUILD("unsafe-build", Verdict.REJECTED,
            "BUILD sets the state of {0}, but only objects made by allowed functions may get a state"),
    /** {0} = opcode name, {1} = the extension code. */
    EXTENSION_CODE("extension-code", Verdict.REJECTED,
            "{0} imports the global registered under extension code {1}, which cannot be checked"),
    /** {0} = the persistent id as text. */
    UNKNOWN_PERSISTENT_ID("unknown-persistent-id", Verdict.WARNING,
            "persistent id {0} is not a torch storage reference"),
    /** {0} = why the parse failed. */
    NOT_A_PICKLE("not-a-pickle", Verdict.REJECTED, "not a pickle or torch checkpoint: {0}"),
    /** {0} = why the parse failed. */
    MALFORMED_PICKLE("malformed-pickle", Verdict.REJECTED, "pickle is malformed: {0}"),
    /** {0} = number of bytes after the last complete pickle, {1} = why they do not parse. */
    TRAILING_DATA("trailing-pickle-data", Verdict.REJECTED, "{0} bytes after the last pickle are not a pickle: {1}"),
    /** No arguments. */
    NO_TENSORS("no-tensors", Verdict.WARNING, "the file contains no tensors, so it is not a model file"),
    /** {0} = storage offset, {1} = size, {2} = stride, {3} = elements the view needs, {4} = storage elements. */
    INVALID_TENSOR("invalid-tensor", Verdict.REJECTED,
            "tensor view at offset {0} with size {1} and stride {2} needs {3} elements, but its storage has {4}"),
    /** {0} = number of opcodes, {1} = limit. */
    TOO_MANY_OPCODES("too-many-opcodes", Verdict.REJECTED, "pickle has more than {1} opcodes"),
    /** {0} = depth, {1} = limit. */
    STACK_TOO_DEEP("stack-too-deep", Verdict.REJECTED, "pickle stack grows beyond {1} entries"),
    /** {0} = entries, {1} = limit. */
    MEMO_TOO_LARGE("memo-too-large", Verdict.REJECTED, "pickle memo grows beyond {1} entries"),
    /** {0} = declared length in bytes, {1} = limit. */
    STRING_TOO_LONG("string-too-long", Verdict.REJECTED,
            "pickle string or bytes value of {0} bytes exceeds the limit of {1} bytes"),
    /** {0} = bytes of strings read so far, {1} = limit. */
    STRINGS_TOO_LARGE("strings-too-large", Verdict.REJECTED, "pickle strings add up to more than {1} bytes"),
    /** {0} = entries, {1} = limit. */
    TOO_MANY_ENTRIES("too-many-entries", Verdict.REJECTED, "archive has {0} entries, more than the limit of {1}"),
    /** {0} = total uncompressed bytes, {1} = limit. */
    ARCHIVE_TOO_LARGE("archive-too-large", Verdict.REJECTED,
            "archive entries uncompress to {0} bytes, more than the limit of {1}"),
    /** {0} = compressed bytes, {1} = uncompressed bytes, {2} = maximum ratio. */
    COMPRESSION_RATIO("compression-ratio", Verdict.REJECTED,
            "entry uncompresses from {0} to {1} bytes, a ratio above the limit of {2}"),
    /** {0} = entry name. */
    UNSAFE_ENTRY_NAME("unsafe-entry-name", Verdict.REJECTED,
            "entry name {0} is an absolute path or contains a .. segment"),
    /** {0} = name in the central directory, {1} = name in the local header. */
    ENTRY_NAME_MISMATCH("entry-name-mismatch", Verdict.REJECTED,
            "entry is named {0} in the central directory but {1} in its local header"),
    /** {0} = compression method number. */
    UNSUPPORTED_COMPRESSION("unsupported-compression", Verdict.REJECTED,
            "entry uses compression method {0}, but torch archives use only 0 (stored) and 8 (deflate)"),
    /** {0} = why the archive does not parse. */
    INVALID_ZIP("invalid-zip", Verdict.REJECTED, "zip archive is invalid: {0}"),
    /** No arguments. */
    MISSING_DATA_PKL("missing-data-pkl", Verdict.REJECTED,
            "zip archive contains no data.pkl and no other .pkl entry, so it is not a torch checkpoint");

    private final String code;
    private final Verdict level;
    private final String template;

    PickleRule(String code, Verdict level, String template) {
        this.code = code;
        this.level = level;
        this.template = template;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Verdict level() {
        return level;
    }

    @Override
    public String template() {
        return template;
    }
}
