package dev.lorahub.converter.layout;

import dev.lorahub.converter.safetensors.TestTensors;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;

/** ΔW = up · down · scale of a module, computed in double for comparisons in tests. */
final class DeltaWeights {

    private DeltaWeights() {}

    /**
     * Returns ΔW of the module with the flattened factors up {@code [out, r]} and down {@code [r, in × kh × kw]},
     * scaled by alpha / r when {@code alpha} is not null and by 1 otherwise.
     */
    static double[] of(Path file, SafetensorsHeader header, TensorInfo down, TensorInfo up, TensorInfo alpha)
            throws IOException {
        double[] downValues = TestTensors.values(file, header, down);
        double[] upValues = TestTensors.values(file, header, up);
        int rank = (int) down.dimension(0);
        int columns = downValues.length / rank;
        int rows = upValues.length / rank;
        double scale = alpha == null ? 1 : SafetensorsReader.readScalar(file, header, alpha) / rank;
        double[] delta = new double[rows * columns];
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < rank; k++) {
                double factor = upValues[row * rank + k] * scale;
                for (int column = 0; column < columns; column++) {
                    delta[row * columns + column] += factor * downValues[k * columns + column];
                }
            }
        }
        return delta;
    }

    /** Returns ‖actual − expected‖ / ‖expected‖ in the Frobenius norm. */
    static double relativeError(double[] actual, double[] expected) {
        double difference = 0;
        double norm = 0;
        for (int index = 0; index < expected.length; index++) {
            difference += (actual[index] - expected[index]) * (actual[index] - expected[index]);
            norm += expected[index] * expected[index];
        }
        return Math.sqrt(difference / norm);
    }
}
