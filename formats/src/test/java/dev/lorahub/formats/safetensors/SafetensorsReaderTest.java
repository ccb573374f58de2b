package dev.lorahub.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.lorahub.formats.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsReaderTest {

    @TempDir
    Path folder;

    /** Tensor counts and header lengths as Python's json module reads them from the fixtures. */
    @ParameterizedTest
    @CsvSource({
        "lora/sd15-diffusers-attnproc.safetensors, 256, 38592",
        "lora/sd15-diffusers-attnproc.bin.expected.safetensors, 256, 38560",
        "lora/sd15-diffusers-unet.safetensors, 256, 37440",
        "lora/sd2-diffusers-bf16.safetensors, 256, 37600",
        "lora/sd15-cloneofsimo-svd-rank4.safetensors, 384, 35033",
        "lora/sd15-broken-names.safetensors, 256, 39968",
        "lora/sd15-kohya-nezha-rank4.safetensors, 792, 110048",
        "lora/sd15-kohya-locon-rank8.safetensors, 840, 116032",
        "peft/distilbert-emotion/adapter_model.safetensors, 28, 3848",
    })
    void readsFixture(String fixture, int tensorCount, long headerLength) throws Exception {
        Path file = Fixtures.root().resolve(fixture);

        SafetensorsHeader header = SafetensorsReader.read(file);

        assertThat(header.tensors()).hasSize(tensorCount);
        assertThat(header.headerLength()).isEqualTo(headerLength);
        assertThat(header.dataOffset()).isEqualTo(8 + headerLength);
        assertThat(header.fileLength()).isEqualTo(Files.size(file));
        assertTiled(header.tensors());
    }

    @Test
    void metadataOfDiffusersFile() throws Exception {
        SafetensorsHeader header = SafetensorsReader.read(Fixtures.lora("sd15-diffusers-attnproc.safetensors"));

        assertThat(header.metadata()).containsExactly(Map.entry("format", "pt"));
    }

    @Test
    void metadataOfKohyaFile() throws Exception {
        SafetensorsHeader header = SafetensorsReader.read(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"));

        assertThat(header.metadata()).containsEntry("ss_output_name", "nezha_v1");
        assertThat(header.metadata()).containsEntry("ss_base_model_version", "sd_v1");
    }

    @Test
    void peftTensorEntry() throws Exception {
        SafetensorsHeader header = SafetensorsReader.read(Fixtures.peft("adapter_model.safetensors"));

        TensorInfo tensor = header.tensor("base_model.model.distilbert.transformer.layer.0.attention.q_lin.lora_A.weight")
                .orElseThrow();

        assertThat(tensor.dtype()).isEqualTo(DType.F32);
        assertThat(tensor.shape()).containsExactly(8, 768);
        assertThat(tensor.elementCount()).isEqualTo(8 * 768);
        assertThat(tensor.byteLength()).isEqualTo(8 * 768 * 4);
        assertThat(header.tensor("no.such.tensor")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "sd15-kohya-nezha-rank4.safetensors, lora_te_text_model_encoder_layers_0_mlp_fc1.alpha, 2.0",
        "sd15-kohya-locon-rank8.safetensors, lora_te_text_model_encoder_layers_0_mlp_fc1.alpha, 8.0",
    })
    void readsKohyaAlpha(String fixture, String alphaName, double expected) throws Exception {
        Path file = Fixtures.lora(fixture);
        SafetensorsHeader header = SafetensorsReader.read(file);
        TensorInfo alpha = header.tensor(alphaName).orElseThrow();

        assertThat(alpha.shape()).isEmpty();
        assertThat(SafetensorsReader.readScalar(file, header, alpha)).isEqualTo(expected);
    }

    @Test
    void readsOnlyLengthAndHeader() throws Exception {
        Path file = Fixtures.lora("sd15-kohya-nezha-rank4.safetensors");
        try (CountingChannel channel = new CountingChannel(FileChannel.open(file))) {
            SafetensorsHeader header = SafetensorsReader.read(channel);

            assertThat(channel.bytesRead).isEqualTo(8 + header.headerLength());
        }
    }

    @Test
    void emptyTensorAndScalarAreValid() throws Exception {
        String header = "{\"empty\":{\"dtype\":\"F32\",\"shape\":[0,4],\"data_offsets\":[0,0]},"
                + "\"scalar\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[0,2]}}";
        Path file = Fixtures.write(folder, "edge.safetensors", Fixtures.safetensors(header, hex("003c")));

        SafetensorsHeader read = SafetensorsReader.read(file);

        assertThat(read.tensors()).extracting(TensorInfo::name).containsExactly("empty", "scalar");
        assertThat(read.tensor("empty").orElseThrow().elementCount()).isZero();
        assertThat(read.tensor("scalar").orElseThrow().elementCount()).isEqualTo(1);
        assertThat(read.dataLength()).isEqualTo(2);
    }

    @Test
    void headerWithoutTensorsIsValid() throws Exception {
        Path file = Fixtures.write(folder, "none.safetensors", Fixtures.safetensors("{}", new byte[0]));

        SafetensorsHeader header = SafetensorsReader.read(file);

        assertThat(header.tensors()).isEmpty();
        assertThat(header.metadata()).isEmpty();
        assertThat(header.fileLength()).isEqualTo(10);
    }

    @Test
    void nullMetadataIsEmpty() throws Exception {
        Path file = Fixtures.write(folder, "null.safetensors", Fixtures.safetensors("{\"__metadata__\":null}", new byte[0]));

        assertThat(SafetensorsReader.read(file).metadata()).isEmpty();
    }

    @Test
    void spacePaddingIsValid() throws Exception {
        String header = "{\"__metadata__\":{\"name\":\"x\"}}      ";
        Path file = Fixtures.write(folder, "padded.safetensors", Fixtures.safetensors(header, new byte[0]));

        assertThat(SafetensorsReader.read(file).metadata()).containsEntry("name", "x");
    }

    @Test
    void tensorsSortedByOffset() throws Exception {
        String header = "{\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,4]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}";
        Path file = Fixtures.write(folder, "order.safetensors", Fixtures.safetensors(header, new byte[4]));

        assertThat(SafetensorsReader.read(file).tensors()).extracting(TensorInfo::name).containsExactly("a", "b");
    }

    /** Expected values are the IEEE 754 values of the bytes, as Python's struct module decodes them. */
    @ParameterizedTest
    @CsvSource({
        "F16, 003c, 1.0",
        "F16, 00c0, -2.0",
        "F16, 0100, 5.960464477539063e-08",
        "F16, ff7b, 65504.0",
        "F16, 007c, Infinity",
        "BF16, 4940, 3.140625",
        "F32, 0000003f, 0.5",
        "F64, 000000000000f83f, 1.5",
        "I64, feffffffffffffff, -2.0",
        "U8, ff, 255.0",
    })
    void readsScalar(String dtype, String littleEndianHex, double expected) throws Exception {
        int length = littleEndianHex.length() / 2;
        String header = "{\"x\":{\"dtype\":\"" + dtype + "\",\"shape\":[],\"data_offsets\":[0," + length + "]}}";
        Path file = Fixtures.write(folder, "scalar.safetensors", Fixtures.safetensors(header, hex(littleEndianHex)));
        SafetensorsHeader read = SafetensorsReader.read(file);

        double value = SafetensorsReader.readScalar(file, read, read.tensors().get(0));

        assertThat(value).isCloseTo(expected, within(0.0));
    }

    @Test
    void scalarReaderRejectsVector() throws Exception {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        Path file = Fixtures.write(folder, "vector.safetensors", Fixtures.safetensors(header, new byte[8]));
        SafetensorsHeader read = SafetensorsReader.read(file);

        assertThat(SafetensorsReader.isReadableScalar(read.tensors().get(0))).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SafetensorsReader.readScalar(file, read, read.tensors().get(0)))
                .withMessage("tensor x must hold one element of a numeric dtype, but has shape [2] of F32");
    }

    @Test
    void dtypeParse() {
        assertThat(DType.parse("F8_E4M3")).contains(DType.F8_E4M3);
        assertThat(DType.parse("f16")).isEmpty();
        assertThat(DType.parse(null)).isEmpty();
        assertThat(DType.values()).hasSize(22);
        assertThat(DType.F6_E2M3.bits()).isEqualTo(6);
        assertThat(DType.C64.bits()).isEqualTo(64);
    }

    private static void assertTiled(List<TensorInfo> tensors) {
        long expectedBegin = 0;
        for (TensorInfo tensor : tensors) {
            assertThat(tensor.begin()).as(tensor.name()).isEqualTo(expectedBegin);
            expectedBegin = tensor.end();
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Channel wrapper that counts the bytes read through it. */
    private static final class CountingChannel implements SeekableByteChannel {
        private final SeekableByteChannel channel;
        private long bytesRead;

        CountingChannel(SeekableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            int read = channel.read(destination);
            bytesRead += Math.max(read, 0);
            return read;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return channel.write(source);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public SeekableByteChannel position(long position) throws IOException {
            channel.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            channel.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
