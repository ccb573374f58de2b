package dev.lorahub.converter.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Comparison of the array F32 to F16 conversion with the scalar one on all 2^32 F32 bit patterns. It took 24 to 33 s
 * on the project's 2-core machine, so the normal build skips its tag. Run it with
 * {@code ./mvnw -o -pl converter test -Dtest=FloatBitsExhaustiveTest -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("exhaustive")
class FloatBitsExhaustiveTest {

    @Test
    void bulkF32ToF16MatchesScalarOnAllBits() {
        int blockLength = 1 << 20;
        int[] f32 = new int[blockLength];
        short[] f16 = new short[blockLength];
        long overflowCount = 0;
        long expectedOverflowCount = 0;

        for (long first = 0; first < 1L << 32; first += blockLength) {
            for (int index = 0; index < blockLength; index++) {
                f32[index] = (int) (first + index);
            }
            overflowCount += FloatBits.f32ToF16(f32, f16, blockLength);
            for (int index = 0; index < blockLength; index++) {
                short expected = FloatBits.f32ToF16(f32[index]);
                if (f16[index] != expected) {
                    assertThat(f16[index] & 0xFFFF).as("F16 of F32 0x%08X", f32[index]).isEqualTo(expected & 0xFFFF);
                }
                if (Float.isFinite(Float.intBitsToFloat(f32[index])) && FloatBits.isF16Infinite(expected)) {
                    expectedOverflowCount++;
                }
            }
        }

        assertThat(overflowCount).isEqualTo(expectedOverflowCount);
    }
}
