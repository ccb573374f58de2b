package dev.lorahub.hub.upload;

import dev.lorahub.formats.lora.LoraFacts;
import dev.lorahub.formats.lora.LoraInspector;
import dev.lorahub.formats.lora.PeftAdapterConfig;
import dev.lorahub.formats.lora.TriggerWords;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.hub.model.api.FindingResponse;
import dev.lorahub.hub.problem.LocalizedText;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.validator.ValidationReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads the safetensors header of an uploaded file and the LoRA facts, trigger words and base model it implies. */
@ApplicationScoped
public class FileInspector {

    /**
     * Inspects a model file, with the PEFT adapter_config.json that came with it when there is one, and rejects it
     * when the validator does.
     */
    public InspectedFile inspect(ReceivedFile model, ReceivedFile adapterConfig, String declaredType)
            throws IOException {
        SafetensorsHeader header = readHeader(model);
        if (header.tensors().isEmpty()) {
            throw ProblemException.unprocessable("no-tensors", model.fileName());
        }
        ValidationReport validation = FileValidation.check(model, header, declaredType);
        PeftAdapterConfig peft = adapterConfig == null ? null : readAdapterConfig(adapterConfig);

        Optional<LoraFacts> facts = peft == null ? loraFacts(model, header) : LoraInspector.inspectPeft(header, peft);
        if (peft != null && facts.isPresent() && !facts.get().ranks().contains(peft.r())) {
            throw ProblemException.unprocessable(
                    "adapter-config-mismatch", model.fileName(), peft.r(), facts.get().ranks());
        }
        String dtype = facts.map(LoraFacts::dtype).orElseGet(() -> mostCommonDtype(header));

        String baseModelHint = peft != null
                ? peft.baseModelNameOrPath()
                : BaseModelFit.detect(header).orElseGet(() -> BaseModelHints.fromMetadata(header.metadata()));
        return new InspectedFile(
                model,
                BaseModelHints.fp(dtype),
                facts.orElse(null),
                header.metadata(),
                TriggerWords.fromMetadata(header.metadata()),
                baseModelHint,
                header,
                validation);
    }

    private static Optional<LoraFacts> loraFacts(ReceivedFile model, SafetensorsHeader header) throws IOException {
        try (FileChannel channel = FileChannel.open(model.temporaryFile(), StandardOpenOption.READ)) {
            return LoraInspector.inspect(header, ScalarReader.of(channel, header));
        }
    }

    private static SafetensorsHeader readHeader(ReceivedFile model) throws IOException {
        try {
            return SafetensorsReader.read(model.temporaryFile());
        } catch (SafetensorsException e) {
            Optional<ValidationReport> pickle = FileValidation.asPickle(model, e.reason().code());
            if (pickle.isPresent()) {
                throw FileValidation.rejection(model, pickle.get());
            }
            FindingResponse reason = new FindingResponse(
                    e.reason().code(), "rejected", e.tensor() == null ? "" : e.tensor(), e.getMessage());
            LocalizedText explanation =
                    new LocalizedText("safetensors." + e.reason().code(), e.arguments(), e.getMessage());
            throw new ProblemException(422, "invalid-safetensors", List.of(reason), model.fileName(), explanation);
        }
    }

    private static PeftAdapterConfig readAdapterConfig(ReceivedFile config) throws IOException {
        try (InputStream in = Files.newInputStream(config.temporaryFile())) {
            return PeftAdapterConfig.parse(in);
        } catch (IOException | IllegalArgumentException e) {
            throw ProblemException.unprocessable("invalid-adapter-config", config.fileName(), e.getMessage());
        }
    }

    private static String mostCommonDtype(SafetensorsHeader header) {
        return header.tensors().stream()
                .collect(Collectors.groupingBy(tensor -> tensor.dtype().name(), Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }
}
