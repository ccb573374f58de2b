package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.BaseModel;
import dev.lorahub.converter.basemodel.DiffusersNames;
import dev.lorahub.converter.basemodel.DiffusersPart;
import dev.lorahub.converter.safetensors.FloatBits;
import dev.lorahub.converter.safetensors.FloatTensorSource;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TensorSource;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversion of a LoRA file between the {@link KeyLayout}s, renaming every tensor through the layer paths of a
 * base model's catalogue.
 *
 * <p>Alpha: kohya scales each module by alpha / rank, while diffusers and PEFT files apply scale 1. Converting
 * to a layout without alpha multiplies the down (A) factor by alpha / rank, which keeps ΔW = up · down ·
 * alpha / rank, because diffusers and PEFT loaders apply no per-module scale from the file. The factor is copied unchanged when alpha equals the
 * rank or is absent. The multiplication happens in F32 and is rounded back to the factor's dtype, so an F16
 * factor can differ from the exact product in the last bit. Converting to kohya keeps a stored alpha and
 * otherwise writes {@code alpha} = rank (scale 1), in the down factor's dtype.
 *
 * <p>Flux.1 and SD3: a kohya module of a fused layer (Flux {@code img_attn.qkv}, {@code txt_attn.qkv},
 * {@code linear1}, SD3 {@code x_block.attn.qkv}, {@code context_block.attn.qkv}) becomes one diffusers or PEFT
 * module per row block of the up factor, each with the shared down factor, and converting back joins them
 * exactly, as {@link FusedLayerConversion} describes. The transformer layers of both models convert among
 * {@link KeyLayout#KOHYA}, {@link KeyLayout#DIFFUSERS} and {@link KeyLayout#PEFT}. Converting them to
 * {@link KeyLayout#DIFFUSERS_LEGACY} is rejected, because those names do not exist for Flux.1 or SD3.
 *
 * <p>Legacy sources: files of {@link KeyLayout#DIFFUSERS_ATTN_PROCESSOR} and {@link KeyLayout#CLONEOFSIMO} are
 * read and written in any other layout. Neither stores alpha, so their modules convert as scale 1. A cloneofsimo
 * file converts only for SD 1.x and with the tool's default target classes, and each module's factors must fit the
 * layer at its position, because the names carry positions, not layers.
 *
 * <p>The {@code __metadata__} entries are copied, except kohya's {@code ss_network_alpha} and
 * {@code ss_network_dim} when the layout changes: alpha is then folded or rewritten and joins of fused layers change the rank,
 * so they would no longer describe the tensors. Every tensor must belong to a LoRA module of the base model, or the
 * conversion is rejected.
 */
public final class LayoutConversion {

    private LayoutConversion() {}

    /**
     * Summary of a conversion.
     *
     * @param header the header of the written file
     * @param sourceLayout the layout of the source file
     * @param targetLayout the layout of the written file
     * @param moduleCount the number of converted modules
     * @param foldedAlphaCount the number of modules whose alpha / rank, not 1, was folded into the down factor
     */
    public record Result(SafetensorsHeader header, KeyLayout sourceLayout, KeyLayout targetLayout, int moduleCount,
            int foldedAlphaCount) {}

    /**
     * Converts {@code source} into {@code target}, written with {@link SafetensorsWriter}. Opens and closes its own
     * channel on the source file. {@code target} must not be {@code source}.
     *
     * @param base the base model whose catalogue resolves the module names, such as {@code BaseModels.SD15}
     * @throws IllegalArgumentException if the source is not a LoRA of the base model in a supported layout, the
     *     target layout is read only, or it cannot name one of the source's layers
     * @throws SafetensorsException if the source is not a valid safetensors file
     * @throws IOException if reading or writing fails, in which case the target is left as it was
     */
    public static Result convert(Path source, Path target, KeyLayout targetLayout, BaseModel base)
            throws SafetensorsException, IOException {
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("Target " + target + " is the source file: choose another target path");
        }
        if (!targetLayout.isWritable()) {
            throw new IllegalArgumentException("Cannot write layout " + targetLayout + ": choose " + KeyLayout.WRITABLE);
        }
        ModuleNames names = new ModuleNames(base);
        try (FileChannel input = FileChannel.open(source, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsReader.read(input);
            ModuleNames.Parsed parsed = names.parse(header);
            List<OutputTensor> tensors = new ArrayList<>();
            Map<String, List<ModuleInput>> diffusersPartsByLayer = new LinkedHashMap<>();
            int folded = 0;
            for (SourceModule module : parsed.modules()) {
                ModuleInput moduleInput = new ModuleInput(input, header, module);
                Optional<List<DiffusersPart>> diffusersParts = DiffusersNames.parts(module.layerPath(), base);
                if (module.diffusersPart() != null) {
                    diffusersPartsByLayer.computeIfAbsent(module.layerPath(), path -> new ArrayList<>()).add(moduleInput);
                } else if (diffusersParts.isPresent() && targetLayout != KeyLayout.KOHYA) {
                    folded += FusedLayerConversion.split(tensors, moduleInput, diffusersParts.get(), targetLayout) ? 1 : 0;
                } else {
                    String name = names.moduleName(module.layerPath(), targetLayout);
                    folded += addModule(tensors, moduleInput, name, targetLayout) ? 1 : 0;
                }
            }
            for (Map.Entry<String, List<ModuleInput>> layer : diffusersPartsByLayer.entrySet()) {
                FusedLayerConversion.join(tensors, layer.getValue(), names.moduleName(layer.getKey(), KeyLayout.KOHYA),
                        DiffusersNames.parts(layer.getKey(), base).orElseThrow(), targetLayout);
            }
            Map<String, String> metadata = metadata(header.metadata(), parsed.layout(), targetLayout);
            SafetensorsHeader written = SafetensorsWriter.write(target, metadata, tensors);
            return new Result(written, parsed.layout(), targetLayout, parsed.modules().size(), folded);
        }
    }

    /**
     * Returns the metadata to write: the source's, less the kohya rank and alpha entries when the layout changes,
     * and less cloneofsimo's target classes and per-position ranks, which name positions the output does not have.
     */
    static Map<String, String> metadata(Map<String, String> source, KeyLayout from, KeyLayout to) {
        Map<String, String> metadata = new LinkedHashMap<>(source);
        if (from != to) {
            metadata.remove("ss_network_alpha");
            metadata.remove("ss_network_dim");
        }
        if (from == KeyLayout.CLONEOFSIMO) {
            metadata.keySet().removeIf(LegacyNames::isCloneofsimoMetadata);
        }
        return metadata;
    }

    /** A module of the open source file. */
    record ModuleInput(FileChannel input, SafetensorsHeader header, SourceModule module) {

        long position(TensorInfo tensor) {
            return header.dataOffset() + tensor.begin();
        }

        TensorSource copy(TensorInfo tensor) {
            return TensorSource.region(input, position(tensor), tensor.byteLength());
        }
    }

    /** Adds the module's tensors under the new name and returns whether alpha was folded into the down factor. */
    static boolean addModule(List<OutputTensor> tensors, ModuleInput source, String name, KeyLayout layout)
            throws IOException {
        return addModule(tensors, source, name, layout, source.copy(source.module().up()));
    }

    /** Adds the module's tensors as {@link #addModule(List, ModuleInput, String, KeyLayout)}, with these up bytes. */
    static boolean addModule(List<OutputTensor> tensors, ModuleInput source, String name, KeyLayout layout,
            TensorSource upData) throws IOException {
        SourceModule module = source.module();
        TensorInfo down = module.down();
        TensorInfo up = module.up();
        tensors.add(new OutputTensor(layout.tensorName(name, FactorRole.UP), up.dtype(), up.shape(), upData));
        if (layout.storesAlpha()) {
            tensors.add(new OutputTensor(layout.tensorName(name, FactorRole.DOWN), down.dtype(), down.shape(), source.copy(down)));
            tensors.add(alphaTensor(source, layout.tensorName(name, FactorRole.ALPHA)));
            return false;
        }
        return addFoldedDown(tensors, source, layout.tensorName(name, FactorRole.DOWN));
    }

    /** Adds the down factor multiplied by alpha / rank and returns whether that scale is not 1. */
    static boolean addFoldedDown(List<OutputTensor> tensors, ModuleInput source, String tensorName) throws IOException {
        SourceModule module = source.module();
        TensorInfo down = module.down();
        float scale = module.alpha() == null ? 1f : (float) (alpha(source) / module.rank());
        TensorSource downSource = scale == 1f ? source.copy(down) : scaled(source, down, scale);
        tensors.add(new OutputTensor(tensorName, down.dtype(), down.shape(), downSource));
        return scale != 1f;
    }

    static double alpha(ModuleInput source) throws IOException {
        TensorInfo alpha = source.module().alpha();
        if (!SafetensorsReader.isReadableScalar(alpha)) {
            throw new IllegalArgumentException("Alpha " + alpha + " must be a scalar of a numeric dtype");
        }
        return SafetensorsReader.readScalar(source.input(), source.header(), alpha);
    }

    static TensorSource scaled(ModuleInput source, TensorInfo down, float scale) {
        if (!FloatTensorSource.FLOAT_DTYPES.contains(down.dtype())) {
            throw new IllegalArgumentException("Cannot fold alpha into " + down + ": expected F32, F16 or BF16");
        }
        return FloatTensorSource.of(source.input(), source.position(down), down.elementCount(), down.dtype(),
                down.dtype(), scale);
    }

    /** Returns the stored alpha unchanged, or a new scalar alpha = rank in the down factor's floating dtype. */
    private static OutputTensor alphaTensor(ModuleInput source, String name) {
        TensorInfo alpha = source.module().alpha();
        if (alpha != null) {
            return new OutputTensor(name, alpha.dtype(), alpha.shape(), source.copy(alpha));
        }
        DType dtype = source.module().down().dtype();
        DType alphaDtype = FloatTensorSource.FLOAT_DTYPES.contains(dtype) ? dtype : DType.F32;
        return new OutputTensor(name, alphaDtype, new long[0], TensorSource.bytes(scalarBytes(alphaDtype, source.module().rank())));
    }

    static byte[] scalarBytes(DType dtype, float value) {
        int f32 = Float.floatToRawIntBits(value);
        ByteBuffer bytes = ByteBuffer.allocate(dtype.bits() / 8).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F16 -> bytes.putShort(FloatBits.f32ToF16(f32));
            case BF16 -> bytes.putShort(FloatBits.f32ToBf16(f32));
            default -> bytes.putFloat(value);
        }
        return bytes.array();
    }
}
