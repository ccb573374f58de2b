package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.BaseModel;
import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.basemodel.Layer;
import dev.lorahub.converter.safetensors.FloatBits;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TestTensors;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generator of small Flux.1 and SD3 LoRAs with random factors, and of sampled ΔW columns to compare them. */
final class FluxLoras {

    static final int RANK = 2;
    /**
     * The number of input columns at which ΔW is compared, because the full ΔW of a Flux layer has up to 66 million
     * elements.
     */
    static final int COLUMN_COUNT = 4;

    private FluxLoras() {}

    /** Writes a rank-2 kohya LoRA of the modules, shaped from the Flux.1 catalogue, with alpha 1 (scale 0.5). */
    static Path writeKohya(Path file, List<String> modules, DType dtype) throws Exception {
        return writeKohya(file, modules, dtype, BaseModels.FLUX1_DEV);
    }

    /** Writes a rank-2 kohya LoRA of the modules, shaped from the base model's catalogue, with alpha 1 (scale 0.5). */
    static Path writeKohya(Path file, List<String> modules, DType dtype, BaseModel base) throws Exception {
        Random random = new Random(42);
        List<OutputTensor> tensors = new ArrayList<>();
        for (String module : modules) {
            Layer layer = base.layer(base.kohyaPath(module).orElseThrow()).orElseThrow();
            tensors.add(randomTensor(module + ".lora_down.weight", dtype, RANK, layer.inFeatures(), random));
            tensors.add(randomTensor(module + ".lora_up.weight", dtype, layer.outFeatures(), RANK, random));
            tensors.add(TestTensors.tensor(module + ".alpha", DType.F32, new long[0],
                    TestTensors.f32Bytes(Float.floatToIntBits(1f))));
        }
        SafetensorsWriter.write(file, Map.of(), tensors);
        return file;
    }

    static OutputTensor randomTensor(String name, DType dtype, long rows, long columns, Random random) {
        int count = (int) (rows * columns);
        int[] bits = new int[count];
        for (int index = 0; index < count; index++) {
            int f32 = Float.floatToIntBits((float) random.nextGaussian() * 0.1f);
            bits[index] = dtype == DType.F16 ? FloatBits.f32ToF16(f32) & 0xffff : f32;
        }
        byte[] data = dtype == DType.F16 ? TestTensors.shortBytes(bits) : TestTensors.f32Bytes(bits);
        return TestTensors.tensor(name, dtype, new long[] {rows, columns}, data);
    }

    /**
     * Returns {@link #COLUMN_COUNT} columns of ΔW = up · down · alpha / r of a module, row-major
     * {@code [out, COLUMN_COUNT]}: columns 0, 1, min(777, in / 2) and in − 1. The scale is 1 when
     * {@code alphaSuffix} is null or the file stores no alpha.
     */
    static double[] columns(Path file, SafetensorsHeader header, String module, String downSuffix,
            String upSuffix, String alphaSuffix) throws Exception {
        TensorInfo downInfo = header.tensor(module + downSuffix).orElseThrow();
        double[] down = TestTensors.values(file, header, downInfo);
        double[] up = TestTensors.values(file, header, header.tensor(module + upSuffix).orElseThrow());
        int rank = (int) downInfo.dimension(0);
        int in = (int) downInfo.dimension(1);
        int[] columns = {0, 1, Math.min(777, in / 2), in - 1};
        int out = up.length / rank;
        TensorInfo alpha = alphaSuffix == null ? null : header.tensor(module + alphaSuffix).orElse(null);
        double scale = alpha == null ? 1 : SafetensorsReader.readScalar(file, header, alpha) / rank;
        double[] delta = new double[out * COLUMN_COUNT];
        for (int row = 0; row < out; row++) {
            for (int c = 0; c < COLUMN_COUNT; c++) {
                double sum = 0;
                for (int k = 0; k < rank; k++) {
                    sum += up[row * rank + k] * down[k * in + columns[c]];
                }
                delta[row * COLUMN_COUNT + c] = sum * scale;
            }
        }
        return delta;
    }

    /** Returns the columns of ΔW of a kohya module, scaled by its stored alpha / r. */
    static double[] kohyaColumns(Path file, SafetensorsHeader header, String module) throws Exception {
        return columns(file, header, module, ".lora_down.weight", ".lora_up.weight", ".alpha");
    }

    /** Returns the columns of ΔW of a diffusers or PEFT module, at scale 1. */
    static double[] peftColumns(Path file, SafetensorsHeader header, String module) throws Exception {
        return columns(file, header, module, ".lora_A.weight", ".lora_B.weight", null);
    }
}
