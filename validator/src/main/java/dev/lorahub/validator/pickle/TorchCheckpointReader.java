package dev.lorahub.validator.pickle;

import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reader of the tensors that a torch checkpoint describes ({@code torch.save} zip archives and legacy
 * files), which never imports or calls anything that the pickle names.
 *
 * <p>It first scans the file with {@link PickleScanner} and throws on a {@link Verdict#REJECTED} report,
 * so a checkpoint that the scanner rejects is never read. It then runs the object pickle again through
 * the same interpreter and allowlist, this time building dicts and tensor views, and rejects any finding
 * of that run too. It returns where each tensor's elements are in the file and reads no tensor data;
 * see {@link StateDictEntries} for how wrappers, nested dicts and non-tensor values are handled: a
 * {@code state_dict} wrapper is unwrapped, nested dicts are flattened with dotted names, other values
 * are skipped and listed, and a lone tensor is named {@value #SINGLE_TENSOR_NAME}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class TorchCheckpointReader {

    /** Name of the tensor of a checkpoint whose object is one tensor instead of a dict. */
    public static final String SINGLE_TENSOR_NAME = StateDictEntries.SINGLE_TENSOR_NAME;

    private final ScanLimits limits;

    /** Creates a reader with {@link ScanLimits#defaults()}. */
    public TorchCheckpointReader() {
        this(ScanLimits.defaults());
    }

    /** Creates a reader with the given resource limits, for the scan and for the read. */
    public TorchCheckpointReader(ScanLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads the tensors of the checkpoint, opening and closing the file itself.
     *
     * @throws CheckpointException if the scanner rejects the file ({@link CheckpointException#findings()}
     *     then lists why), or the file is not a torch checkpoint whose state dict the reader supports
     * @throws IOException if the file cannot be read
     */
    public TorchCheckpoint read(Path file) throws IOException, CheckpointException {
        ValidationReport report = new PickleScanner(limits).scan(file);
        if (report.verdict() == Verdict.REJECTED) {
            throw new CheckpointException("The pickle scanner rejects " + file.getFileName() + ": "
                    + report.findings().get(0).message(), report.findings());
        }
        TrackedPickle pickle;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            pickle = PickleScanner.startsWithZipHeader(file)
                    ? ZipCheckpoint.read(channel, limits)
                    : LegacyCheckpoint.read(channel, limits);
        }
        StateDictEntries entries = StateDictEntries.of(pickle.root());
        return new TorchCheckpoint(pickle.format(), tensors(entries, pickle), entries.skipped());
    }

    private static List<CheckpointTensor> tensors(StateDictEntries entries, TrackedPickle pickle)
            throws CheckpointException {
        List<CheckpointTensor> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (StateDictEntries.Entry entry : entries.tensors()) {
            if (!names.add(entry.name())) {
                throw new CheckpointException("Tensor name " + entry.name() + " appears twice after flattening "
                        + "nested dicts with dotted names");
            }
            TensorView view = entry.view();
            TorchStorage storage = pickle.storages().get(view.storage().key());
            if (storage == null) {
                throw new CheckpointException("Tensor " + entry.name() + " refers to storage "
                        + view.storage().key() + ", whose data the file does not contain");
            }
            if (!storage.dtype().equals(TorchStorage.dtypeOf(view.storage().type()))) {
                throw new CheckpointException("Storage " + storage.key() + " is named with two types, "
                        + storage.dtype() + " and " + view.storage().type());
            }
            tensors.add(new CheckpointTensor(entry.name(), storage, view.storageOffset(), view.size(), view.stride()));
        }
        return tensors;
    }
}
