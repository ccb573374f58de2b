package dev.lorahub.converter.safetensors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Comparison of the array F32 to F16 conversion with the scalar one on all 2^32 F32 bit patterns. It took 17 to 33 s
 * on the project's 2-core machine, so the normal build skips its tag. Run it with
 * {@code ./mvnw -o -pl converter test -Dtest=FloatBitsExhaustiveTest -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("exhaustive")
class FloatBitsExhaustiveTest {

    @Test
    void bulkMatchesScalarAllBits() {
        int blockLength = 1 << 20;
        int[] f32 = new int[blockLength];

        for (long first = 0; first < 1L << 32; first += blockLength) {
            for (int index = 0; index < blockLength; index++) {
                f32[index] = (int) (first + index);
            }
            FloatBitsTest.assertBulkMatchesScalar(f32);
        }
    }
}
