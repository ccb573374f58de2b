package dev.lorahub.formats.lora;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Recognizer of LoRA files from their tensor names and shapes.
 *
 * <p>It reads no weights: only the header and, for the stored alpha, the single-element alpha tensors.
 * Tensors that match no layout are ignored; a file is a LoRA when at least one module of a known layout
 * has weights. A kohya name must continue with a known block of the base model after {@code lora_unet_},
 * so names such as {@code lora_unet_unet_down_blocks_…} are not recognized.
 */
public final class LoraInspector {

    private LoraInspector() {}

    /**
     * Returns the facts of a LoRA file, or empty when its tensor names match no known layout. PEFT files
     * come out with the rank of their tensors and no alpha; use {@link #inspectPeft} with the adapter config.
     *
     * @param alphaReader reads the alpha scalars; {@link ScalarReader#of} reads them from the file
     * @throws IOException if the alpha reader fails
     */
    public static Optional<LoraFacts> inspect(SafetensorsHeader header, ScalarReader alphaReader) throws IOException {
        Optional<RecognizedModules> modules = RecognizedModules.of(header.tensors(), layout -> true);
        if (modules.isEmpty()) {
            return Optional.empty();
        }
        Double alpha = storedAlpha(modules.get(), alphaReader);
        return Optional.of(facts(modules.get(), modules.get().mostCommonRank(), alpha));
    }

    /** Reads the header of a safetensors file and returns its facts; opens and closes the file. */
    public static Optional<LoraFacts> inspect(Path file) throws SafetensorsException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsReader.read(channel);
            return inspect(header, ScalarReader.of(channel, header));
        }
    }

    /**
     * Returns the facts of a PEFT adapter, with rank and alpha from its {@code adapter_config.json}
     * ({@code r} and {@code lora_alpha}) and the other facts from the PEFT tensors. Empty when the file has
     * no PEFT LoRA tensors.
     */
    public static Optional<LoraFacts> inspectPeft(SafetensorsHeader header, PeftAdapterConfig config) {
        return RecognizedModules.of(header.tensors(), layout -> layout == LoraLayout.PEFT)
                .map(modules -> facts(modules, config.r(), config.loraAlpha()));
    }

    private static LoraFacts facts(RecognizedModules modules, int rank, Double alpha) {
        return new LoraFacts(modules.layout(), modules.networkType(), rank, modules.ranks(), alpha,
                modules.modules().size(), modules.dtype().name(), modules.targets());
    }

    /** Returns the most common alpha of the modules, or null when no module stores a readable one. */
    private static Double storedAlpha(RecognizedModules modules, ScalarReader alphaReader) throws IOException {
        Tally<Double> alphas = new Tally<>();
        for (LoraModule module : modules.modules()) {
            Optional<TensorInfo> alpha = module.alpha().filter(SafetensorsReader::isReadableScalar);
            if (alpha.isPresent()) {
                alphas.add(alphaReader.read(alpha.get()));
            }
        }
        return alphas.mostCommon().orElse(null);
    }
}
