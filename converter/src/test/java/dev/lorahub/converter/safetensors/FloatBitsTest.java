package dev.lorahub.converter.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatBitsTest {

    /**
     * F32 bits, expected F16 bits, expected BF16 bits. F16 from Python 3 {@code struct.pack('<e', x)}, except the
     * overflowing rows (struct raises), which come from NumPy 2.4 {@code astype(np.float16)}. BF16 from the integer
     * formula {@code (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16} in Python.
     */
    private static final int[][] TABLE = {
        {0x3F800000, 0x3C00, 0x3F80}, // 1.0
        {0xC0000000, 0xC000, 0xC000}, // -2.0
        {0x3DCCCCCD, 0x2E66, 0x3DCD}, // 0.1
        {0x3EAAAAAB, 0x3555, 0x3EAB}, // 1/3
        {0x477FE000, 0x7BFF, 0x4780}, // 65504, the largest F16
        {0x477FEF00, 0x7BFF, 0x4780}, // 65519 rounds down to 65504
        {0x477FF000, 0x7C00, 0x4780}, // 65520 ties to even: F16 infinity
        {0xC788B800, 0xFC00, 0xC789}, // -70000
        {0x322BCC77, 0x0000, 0x322C}, // 1e-8 underflows to F16 zero
        {0x33800000, 0x0001, 0x3380}, // 2^-24, the smallest F16 subnormal
        {0x33000000, 0x0000, 0x3300}, // 2^-25 ties to even: zero
        {0x33400000, 0x0001, 0x3340}, // 1.5 × 2^-25
        {0x33C00000, 0x0002, 0x33C0}, // 3 × 2^-25 ties to even: 2 × 2^-24
        {0x38800000, 0x0400, 0x3880}, // 2^-14, the smallest normal F16
        {0x387FC000, 0x03FF, 0x3880}, // the largest F16 subnormal
        {0x80000000, 0x8000, 0x8000}, // -0.0
        {0x3F801000, 0x3C00, 0x3F80}, // 1 + 2^-11 ties to even: 1
        {0x3F803000, 0x3C02, 0x3F80}, // 1 + 3 × 2^-11 ties to even: 1 + 2^-9
        {0x3F805000, 0x3C02, 0x3F80}, // 1 + 5 × 2^-11 ties to even
        {0x3F808000, 0x3C04, 0x3F80}, // BF16 tie to even: down
        {0x3F818000, 0x3C0C, 0x3F82}, // BF16 tie to even: up
        {0x3F808001, 0x3C04, 0x3F81}, // just above the BF16 tie
        {0x7F7FFFFF, 0x7C00, 0x7F80}, // the largest F32 overflows both
        {0x7F800000, 0x7C00, 0x7F80}, // +infinity
        {0xFF800000, 0xFC00, 0xFF80}, // -infinity
    };

    @Test
    void f32ToF16MatchesPythonTable() {
        for (int[] row : TABLE) {
            assertThat(FloatBits.f32ToF16(row[0]) & 0xFFFF).as("F16 of F32 0x%08X", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void bulkF32ToF16MatchesPythonTable() {
        int[] f32 = new int[TABLE.length];
        for (int index = 0; index < TABLE.length; index++) {
            f32[index] = TABLE[index][0];
        }
        short[] f16 = new short[TABLE.length];

        long overflowCount = FloatBits.f32ToF16(f32, f16, TABLE.length);

        for (int index = 0; index < TABLE.length; index++) {
            assertThat(f16[index] & 0xFFFF).as("F16 of F32 0x%08X", TABLE[index][0]).isEqualTo(TABLE[index][1]);
        }
        assertThat(overflowCount).as("65520, -70000 and the largest F32 overflow").isEqualTo(3);
    }

    /**
     * Checks every sign and exponent, every F16 mantissa, and the dropped 13 bits just around zero, half a step and
     * a whole step. These cover zeros, F32 and F16 subnormals, rounding ties, the carry into the exponent, overflow,
     * infinities and NaN payloads.
     */
    @Test
    void bulkMatchesScalarEveryExponent() {
        int[] droppedBits = {0, 1, 0xFFF, 0x1000, 0x1001, 0x1FFF};
        int[] f32 = new int[2 * 256 * 1024 * droppedBits.length];
        int next = 0;
        for (int signAndExponent = 0; signAndExponent < 512; signAndExponent++) {
            for (int mantissa = 0; mantissa < 1024; mantissa++) {
                for (int dropped : droppedBits) {
                    f32[next++] = (signAndExponent << 23) | (mantissa << 13) | dropped;
                }
            }
        }

        assertBulkMatchesScalar(f32);
    }

    @Test
    void bulkMatchesScalarRandomBits() {
        Random random = new Random(5);
        int[] f32 = new int[1 << 20];
        for (int index = 0; index < f32.length; index++) {
            f32[index] = random.nextInt();
        }

        assertBulkMatchesScalar(f32);
    }

    @Test
    void bulkF32ToF16StopsAtCount() {
        int[] f32 = {0x3F800000, 0x3F800000, 0x3F800000};
        short[] f16 = {0x1111, 0x1111, 0x1111};

        long overflowCount = FloatBits.f32ToF16(f32, f16, 2);

        assertThat(overflowCount).isZero();
        assertThat(f16).containsExactly((short) 0x3C00, (short) 0x3C00, (short) 0x1111);
    }

    /** Converts with the array method and checks each result and the overflow count against the scalar method. */
    static void assertBulkMatchesScalar(int[] f32) {
        short[] f16 = new short[f32.length];
        long expectedOverflowCount = 0;

        long overflowCount = FloatBits.f32ToF16(f32, f16, f32.length);

        for (int index = 0; index < f32.length; index++) {
            short expected = FloatBits.f32ToF16(f32[index]);
            if (f16[index] != expected) {
                assertThat(f16[index] & 0xFFFF).as("F16 of F32 0x%08X", f32[index]).isEqualTo(expected & 0xFFFF);
            }
            if (Float.isFinite(Float.intBitsToFloat(f32[index])) && FloatBits.isF16Infinite(expected)) {
                expectedOverflowCount++;
            }
        }
        assertThat(overflowCount).isEqualTo(expectedOverflowCount);
    }

    @Test
    void f32ToBf16MatchesPythonTable() {
        for (int[] row : TABLE) {
            assertThat(FloatBits.f32ToBf16(row[0]) & 0xFFFF).as("BF16 of F32 0x%08X", row[0]).isEqualTo(row[2]);
        }
    }

    @Test
    void f16RoundTripIsIdentity() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short f16 = (short) bits;
            assertThat(FloatBits.f32ToF16(FloatBits.f16ToF32(f16))).as("F16 0x%04X", bits).isEqualTo(f16);
        }
    }

    @Test
    void bf16RoundTripIsIdentity() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short bf16 = (short) bits;
            assertThat(FloatBits.f32ToBf16(FloatBits.bf16ToF32(bf16))).as("BF16 0x%04X", bits).isEqualTo(bf16);
        }
    }

    @Test
    void f16WideningMatchesJavaFloat() {
        assertThat(Float.intBitsToFloat(FloatBits.f16ToF32((short) 0x7BFF))).isEqualTo(65504f);
        assertThat(Float.intBitsToFloat(FloatBits.f16ToF32((short) 0x0001))).isEqualTo(0x1p-24f);
        assertThat(Float.intBitsToFloat(FloatBits.f16ToF32((short) 0x8400))).isEqualTo(-0x1p-14f);
        assertThat(Float.intBitsToFloat(FloatBits.f16ToF32((short) 0x3555))).isEqualTo(0.333251953125f);
    }

    @Test
    void nanStaysNan() {
        int[] nans = {0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FA00000};
        for (int nan : nans) {
            assertThat(Float.isNaN(Float.intBitsToFloat(FloatBits.f16ToF32(FloatBits.f32ToF16(nan)))))
                    .as("F16 of NaN 0x%08X", nan).isTrue();
            assertThat(Float.isNaN(Float.intBitsToFloat(FloatBits.bf16ToF32(FloatBits.f32ToBf16(nan)))))
                    .as("BF16 of NaN 0x%08X", nan).isTrue();
        }
        assertThat(FloatBits.f32ToF16(0xFFC00000) & 0x8000).as("sign of negative NaN").isEqualTo(0x8000);
    }
}
