package dev.lorahub.formats.hash;

/** Kind of file hash, named as CivitAI names it in its API. */
public enum HashKind {
    /** SHA-256 of the whole file, 64 hex digits. */
    SHA256("SHA256"),
    /** SHA-256 of the 64 KiB at offset 1 MiB, first 8 hex digits: the old web UI model hash. */
    AUTOV1("AutoV1"),
    /** SHA-256 of the whole file, first 10 hex digits: the web UI checkpoint short hash. */
    AUTOV2("AutoV2"),
    /** SHA-256 of the tensor data of a safetensors file, shown as its first 12 hex digits. */
    AUTOV3("AutoV3"),
    /** CRC-32 (IEEE) of the whole file, 8 hex digits. */
    CRC32("CRC32"),
    /** BLAKE3 of the whole file, 64 hex digits. */
    BLAKE3("BLAKE3");

    private final String civitaiName;

    HashKind(String civitaiName) {
        this.civitaiName = civitaiName;
    }

    /** Returns the key that CivitAI uses in a model version's {@code hashes} object, such as {@code AutoV2}. */
    public String civitaiName() {
        return civitaiName;
    }
}
