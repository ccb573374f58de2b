package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.DiffusersNames;
import dev.lorahub.converter.basemodel.DiffusersPart;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.TensorSource;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * Splitting of fused Flux.1 and SD3 layers into their diffusers or PEFT modules, and the exact join back, with
 * the row blocks that {@link DiffusersNames} lists.
 *
 * <p>Split: every part shares the down factor A {@code [r, in]}, with alpha / r folded in, and takes its rows
 * of the up factor B. Join: the parts' down factors A_i {@code [r_i, in]} are stacked into {@code [Σ r_i, in]}
 * and their up factors B_i {@code [rows_i, r_i]} form the block-diagonal {@code [Σ rows_i, Σ r_i]}, with
 * alpha = Σ r_i (scale 1). Then up · down equals each B_i · A_i in its rows, and a missing part gets zero rows.
 * A part that {@linkplain DiffusersPart#swapsHalves swaps the output halves} gets the two row halves of B in
 * the other order, in both directions.
 *
 * <p>The pre-PEFT diffusers names ({@link KeyLayout#DIFFUSERS_LEGACY}) are read, but not written for Flux.1 and
 * SD3 transformer layers, because diffusers saves LoRAs of those models with PEFT names only.
 */
final class FusedLayerConversion {

    private FusedLayerConversion() {}

    /**
     * Adds the diffusers or PEFT modules of a kohya transformer module and returns whether alpha / r was folded into the
     * down factors.
     *
     * @throws IllegalArgumentException if the layout is {@link KeyLayout#DIFFUSERS_LEGACY}, or the up factor does
     *     not have the rows of all parts
     */
    static boolean split(List<OutputTensor> tensors, LayoutConversion.ModuleInput source, List<DiffusersPart> parts,
            KeyLayout layout) throws IOException {
        if (parts.size() == 1) {
            DiffusersPart part = parts.get(0);
            return LayoutConversion.addModule(tensors, source, moduleName(part, layout), layout, upData(source, part));
        }
        TensorInfo up = source.module().up();
        long totalRows = parts.stream().mapToLong(DiffusersPart::rows).sum();
        if (up.ndim() != 2 || up.dimension(0) != totalRows) {
            throw new IllegalArgumentException("Invalid up factor " + up + " of layer " + source.module().layerPath()
                    + ": expected " + totalRows + " rows to split into " + parts.size() + " diffusers modules");
        }
        long rowBytes = up.dimension(1) * up.dtype().bits() / 8;
        boolean folded = false;
        for (DiffusersPart part : parts) {
            String name = moduleName(part, layout);
            // The rows of a row-major [out, r] matrix are contiguous, so each part is one byte range.
            TensorSource rows = TensorSource.region(source.input(), source.position(up) + part.rowOffset() * rowBytes,
                    part.rows() * rowBytes);
            tensors.add(new OutputTensor(layout.tensorName(name, FactorRole.UP), up.dtype(),
                    new long[] {part.rows(), up.dimension(1)}, rows));
            folded = LayoutConversion.addFoldedDown(tensors, source, layout.tensorName(name, FactorRole.DOWN));
        }
        return folded;
    }

    /**
     * Adds one kohya module that joins the diffusers or PEFT parts of a transformer layer, or renames the parts
     * when the target layout is diffusers or PEFT.
     *
     * @param kohyaName the kohya module name of the layer
     * @param allParts every diffusers part of the layer, in row order, of which {@code parts} may lack some
     * @throws IllegalArgumentException if the layout is {@link KeyLayout#DIFFUSERS_LEGACY}, a part stores an
     *     alpha, or the parts' factors disagree in dtype, input size or rows
     */
    static void join(List<OutputTensor> tensors, List<LayoutConversion.ModuleInput> parts, String kohyaName,
            List<DiffusersPart> allParts, KeyLayout layout) throws IOException {
        if (layout != KeyLayout.KOHYA) {
            for (LayoutConversion.ModuleInput part : parts) {
                LayoutConversion.addModule(tensors, part, moduleName(part.module().diffusersPart(), layout), layout);
            }
            return;
        }
        List<LayoutConversion.ModuleInput> sorted =
                parts.stream().sorted(Comparator.comparingInt(part -> part.module().diffusersPart().index())).toList();
        if (allParts.size() == 1) {
            LayoutConversion.ModuleInput part = sorted.get(0);
            LayoutConversion.addModule(tensors, part, kohyaName, layout, upData(part, part.module().diffusersPart()));
            return;
        }
        TensorInfo firstDown = sorted.get(0).module().down();
        TensorInfo firstUp = sorted.get(0).module().up();
        long rank = 0;
        for (LayoutConversion.ModuleInput part : sorted) {
            checkPart(part, firstDown, firstUp);
            rank += part.module().rank();
        }
        long totalRows = allParts.stream().mapToLong(DiffusersPart::rows).sum();
        TensorSource down = output -> {
            for (LayoutConversion.ModuleInput part : sorted) {
                part.copy(part.module().down()).writeTo(output);
            }
        };
        tensors.add(new OutputTensor(layout.tensorName(kohyaName, FactorRole.DOWN), firstDown.dtype(),
                new long[] {rank, firstDown.dimension(1)}, down));
        tensors.add(new OutputTensor(layout.tensorName(kohyaName, FactorRole.UP), firstUp.dtype(),
                new long[] {totalRows, rank}, BlockDiagonalUp.of(sorted, allParts, rank)));
        DType alphaDtype = firstDown.dtype();
        tensors.add(new OutputTensor(layout.tensorName(kohyaName, FactorRole.ALPHA), alphaDtype, new long[0],
                TensorSource.bytes(LayoutConversion.scalarBytes(alphaDtype, rank))));
    }

    private static void checkPart(LayoutConversion.ModuleInput part, TensorInfo firstDown, TensorInfo firstUp) {
        SourceModule module = part.module();
        String name = module.diffusersPart().module();
        if (module.alpha() != null) {
            throw new IllegalArgumentException("diffusers module " + name + " stores an alpha " + module.alpha()
                    + ": joining parts with an alpha is not supported, so fold alpha / r into its lora_A first");
        }
        boolean sameDtypes = module.down().dtype() == firstDown.dtype() && module.up().dtype() == firstUp.dtype();
        boolean shapesFit = module.down().ndim() == 2 && module.up().ndim() == 2
                && module.down().dimension(1) == firstDown.dimension(1)
                && module.up().dimension(0) == module.diffusersPart().rows();
        if (!sameDtypes || !shapesFit) {
            throw new IllegalArgumentException("Invalid factors of diffusers module " + name + ": expected down [r, "
                    + firstDown.dimension(1) + "] of " + firstDown.dtype() + " and up [" + module.diffusersPart().rows()
                    + ", r] of " + firstUp.dtype() + ", got " + module.down() + " and " + module.up());
        }
    }

    /**
     * Returns the name of a diffusers transformer module in the layout.
     *
     * @throws IllegalArgumentException if the layout is {@link KeyLayout#DIFFUSERS_LEGACY}
     */
    static String moduleName(DiffusersPart part, KeyLayout layout) {
        return switch (layout) {
            case DIFFUSERS -> part.module();
            case PEFT -> KeyLayout.PEFT_PREFIX + part.module().substring(part.module().indexOf('.') + 1);
            case KOHYA -> throw new IllegalStateException("kohya names the layer of " + part.module() + ", not its parts");
            case DIFFUSERS_LEGACY -> throw new IllegalArgumentException("Transformer module " + part.module()
                    + " cannot be named in the " + layout + " layout, because diffusers saves Flux.1 and SD3 LoRAs"
                    + " with PEFT names only. Convert them to kohya, diffusers or peft");
            case DIFFUSERS_ATTN_PROCESSOR, CLONEOFSIMO -> throw new IllegalArgumentException(
                    "Layout " + layout + " is read only: choose " + KeyLayout.WRITABLE);
        };
    }

    /**
     * Returns the up factor's bytes in the part's row order: as stored, or with the two row halves swapped.
     *
     * <p>NOTE: diffusers' own kohya conversion also swaps the rank halves of the down factor of
     * {@code norm_out.linear}, so its ΔW for that module differs from this one, which is the layer's ΔW with
     * its rows swapped.
     */
    private static TensorSource upData(LayoutConversion.ModuleInput source, DiffusersPart part) {
        TensorInfo up = source.module().up();
        if (!part.swapsHalves()) {
            return source.copy(up);
        }
        if (up.ndim() != 2 || up.dimension(0) % 2 != 0) {
            throw new IllegalArgumentException("Invalid up factor " + up + " of layer " + source.module().layerPath()
                    + ": expected [out, r] with an even out, whose shift and scale halves are swapped");
        }
        long half = up.byteLength() / 2;
        TensorSource first = TensorSource.region(source.input(), source.position(up), half);
        TensorSource second = TensorSource.region(source.input(), source.position(up) + half, half);
        return output -> {
            second.writeTo(output);
            first.writeTo(output);
        };
    }
}
