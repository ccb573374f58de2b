package dev.lorahub.formats.lora;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The LoRA modules of one file in the layout that most of its recognized tensors follow. Tensors of
 * other layouts and tensors that no layout recognizes are left out.
 */
final class RecognizedModules {

    private final LoraLayout layout;
    private final List<LoraModule> modules;

    private RecognizedModules(LoraLayout layout, List<LoraModule> modules) {
        this.layout = layout;
        this.modules = List.copyOf(modules);
    }

    /**
     * Groups the tensors into modules, or returns empty when no tensor of an accepted layout forms a module
     * with weights.
     */
    static Optional<RecognizedModules> of(List<TensorInfo> tensors, Predicate<LoraLayout> acceptedLayouts) {
        List<Map.Entry<TensorKey, TensorInfo>> recognized = new ArrayList<>();
        Tally<LoraLayout> families = new Tally<>();
        for (TensorInfo tensor : tensors) {
            Optional<TensorKey> key = parse(tensor.name()).filter(parsed -> acceptedLayouts.test(parsed.layout()));
            key.ifPresent(parsed -> recognized.add(Map.entry(parsed, tensor)));
            key.ifPresent(parsed -> families.add(family(parsed.layout())));
        }
        return families.mostCommon().flatMap(family -> group(recognized, family));
    }

    /** Returns the name of the layout for LoraFacts: LyCORIS when any module uses LoHa or LoKr tensors. */
    LoraLayout layout() {
        boolean lycoris = modules.stream().anyMatch(module -> module.layout() == LoraLayout.LYCORIS);
        return lycoris ? LoraLayout.LYCORIS : layout;
    }

    List<LoraModule> modules() {
        return modules;
    }

    /** Returns the network type of the file: the most specific type that any of its modules has. */
    NetworkType networkType() {
        Set<NetworkType> types = EnumSet.noneOf(NetworkType.class);
        modules.forEach(module -> types.add(module.networkType()));
        for (NetworkType type : List.of(NetworkType.LOHA, NetworkType.LOKR, NetworkType.DORA, NetworkType.LOCON)) {
            if (types.contains(type)) {
                return type;
            }
        }
        return NetworkType.LORA;
    }

    /** Returns the most common module rank, or 0 when no module has a rank. */
    int mostCommonRank() {
        Tally<Integer> ranks = new Tally<>();
        modules.forEach(module -> module.rank().ifPresent(ranks::add));
        return ranks.mostCommon().orElse(0);
    }

    SortedSet<Integer> ranks() {
        SortedSet<Integer> ranks = new TreeSet<>();
        modules.forEach(module -> module.rank().ifPresent(ranks::add));
        return ranks;
    }

    /** Returns the most common dtype of the weight tensors, the alpha scalars left out. */
    DType dtype() {
        Tally<DType> dtypes = new Tally<>();
        modules.forEach(module -> module.weights().forEach(tensor -> dtypes.add(tensor.dtype())));
        return dtypes.mostCommon().orElseThrow();
    }

    /** Returns the API names of the adapted components, in {@link ModelComponent} order. */
    List<String> targets() {
        Set<ModelComponent> components = EnumSet.noneOf(ModelComponent.class);
        modules.stream().map(LoraModule::component).filter(Objects::nonNull).forEach(components::add);
        return components.stream().map(ModelComponent::apiName).toList();
    }

    private static Optional<TensorKey> parse(String name) {
        return KohyaKeys.parse(name)
                .or(() -> CloneofsimoKeys.parse(name))
                .or(() -> PeftKeys.parse(name))
                .or(() -> DiffusersKeys.parse(name));
    }

    /** Counts kohya and LyCORIS names as one family, because LyCORIS extends the kohya names. */
    private static LoraLayout family(LoraLayout layout) {
        return layout == LoraLayout.LYCORIS ? LoraLayout.KOHYA : layout;
    }

    private static Optional<RecognizedModules> group(List<Map.Entry<TensorKey, TensorInfo>> recognized, LoraLayout family) {
        Map<String, List<Map.Entry<TensorKey, TensorInfo>>> byModule = recognized.stream()
                .filter(entry -> family(entry.getKey().layout()) == family)
                .collect(Collectors.groupingBy(entry -> entry.getKey().module(), LinkedHashMap::new, Collectors.toList()));
        List<LoraModule> modules = byModule.values().stream()
                .map(entries -> module(entries, family))
                .filter(LoraModule::hasWeights)
                .toList();
        return modules.isEmpty() ? Optional.empty() : Optional.of(new RecognizedModules(family, modules));
    }

    /** Builds one module; a tensor whose role the module already has is left out. */
    private static LoraModule module(List<Map.Entry<TensorKey, TensorInfo>> entries, LoraLayout family) {
        Map<TensorRole, TensorInfo> tensors = new EnumMap<>(TensorRole.class);
        entries.forEach(entry -> tensors.putIfAbsent(entry.getKey().role(), entry.getValue()));
        boolean lycoris = tensors.keySet().stream().anyMatch(role -> role.isLoha() || role.isLokr());
        TensorKey first = entries.get(0).getKey();
        return new LoraModule(first.module(), lycoris ? LoraLayout.LYCORIS : family, first.component(), tensors);
    }
}
