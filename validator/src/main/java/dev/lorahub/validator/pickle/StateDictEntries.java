package dev.lorahub.validator.pickle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tensors and skipped entries of a checkpoint's object, flattened into one list of dotted names.
 *
 * <p>A top-level dict with a {@code state_dict} key whose value is a dict is a training wrapper: the
 * tensors come from that dict, and the other top-level entries, such as {@code epoch}, are skipped.
 * Nested dicts are flattened with their keys joined by dots, as {@code {"unet": {"w": t}}} gives
 * {@code unet.w}. A dict that appears a second time is skipped, which also stops a dict that contains
 * itself. Entries whose key is not a string are skipped, and so are values that are neither tensors nor
 * dicts, such as numbers, strings and lists. A checkpoint whose object is one tensor, as
 * {@code torch.save(tensor, f)} writes it, gives that tensor under the name {@value #SINGLE_TENSOR_NAME}.
 */
final class StateDictEntries {

    static final String STATE_DICT = "state_dict";
    static final String SINGLE_TENSOR_NAME = "tensor";
    /** Maximum nesting of dicts below the state dict, far above what training tools write. */
    static final int MAX_DEPTH = 64;

    /** Tensor of the state dict with its dotted name. */
    record Entry(String name, TensorView view) {}

    private final List<Entry> tensors = new ArrayList<>();
    private final List<SkippedEntry> skipped = new ArrayList<>();
    private final Set<PickleDict> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private StateDictEntries() {}

    static StateDictEntries of(Object root) throws CheckpointException {
        StateDictEntries entries = new StateDictEntries();
        if (root instanceof Instance instance && instance.content() instanceof TensorView) {
            entries.add(SINGLE_TENSOR_NAME, root, 0);
            return entries;
        }
        PickleDict top = PickleDict.of(root);
        if (top == null) {
            throw new CheckpointException("The checkpoint's object is " + Values.describe(root)
                    + ", not a tensor or a dict of tensors");
        }
        PickleDict wrapped = PickleDict.of(top.entries().get(STATE_DICT));
        if (wrapped == null) {
            entries.flatten(top, "", 0);
            return entries;
        }
        entries.visited.add(top);
        for (Map.Entry<Object, Object> entry : top.entries().entrySet()) {
            if (!STATE_DICT.equals(entry.getKey())) {
                String name = String.valueOf(entry.getKey());
                entries.skipped.add(new SkippedEntry(name, Values.describe(entry.getValue())));
            }
        }
        entries.flatten(wrapped, "", 0);
        return entries;
    }

    List<Entry> tensors() {
        return tensors;
    }

    List<SkippedEntry> skipped() {
        return skipped;
    }

    private void flatten(PickleDict dict, String prefix, int depth) throws CheckpointException {
        if (depth > MAX_DEPTH) {
            throw new CheckpointException("Dicts are nested more than " + MAX_DEPTH + " levels deep at "
                    + withoutDot(prefix));
        }
        if (!visited.add(dict)) {
            skipped.add(new SkippedEntry(withoutDot(prefix), "a dict that appears earlier in the checkpoint"));
            return;
        }
        for (Map.Entry<Object, Object> entry : dict.entries().entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                Object original = entry.getKey() instanceof PickleDict.OtherKey other ? other.key() : entry.getKey();
                String description = "an entry whose key is " + Values.describe(original);
                skipped.add(new SkippedEntry(prefix + entry.getKey(), description));
                continue;
            }
            add(prefix + key, entry.getValue(), depth);
        }
    }

    private void add(String name, Object value, int depth) throws CheckpointException {
        if (value instanceof Instance instance && instance.content() instanceof TensorView view) {
            tensors.add(new Entry(name, view));
        } else if (value instanceof Instance instance && isTensorMaker(instance.maker())) {
            throw new CheckpointException("Tensor " + name + " is made by " + instance.maker()
                    + " with arguments of a form that the reader does not support");
        } else if (PickleDict.of(value) != null) {
            flatten(PickleDict.of(value), name + ".", depth + 1);
        } else {
            skipped.add(new SkippedEntry(name, Values.describe(value)));
        }
    }

    private static boolean isTensorMaker(GlobalRef maker) {
        return maker.equals(GlobalPolicy.REBUILD_TENSOR) || maker.equals(GlobalPolicy.REBUILD_PARAMETER);
    }

    private static String withoutDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
