package dev.lorahub.formats.hash;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The hashes that identify a model file, all in lower-case hex.
 *
 * @param sha256 SHA-256 of the whole file, 64 hex digits
 * @param autoV1 SHA-256 of the 64 KiB (0x10000 bytes) at offset 1 MiB (0x100000), first 8 hex digits;
 *     null for files under 2 MiB, as CivitAI leaves it empty for them
 * @param autoV2 the first 10 hex digits of {@code sha256}
 * @param autoV3 SHA-256 of everything after the 8-byte length and the header of a safetensors file, all
 *     64 hex digits (kohya's {@code sshs_model_hash}); null when the file is shorter than 8 bytes or its
 *     first 8 bytes give a header length N with 8 + N beyond the end of the file
 * @param crc32 CRC-32 (IEEE) of the whole file, 8 hex digits in the usual byte order
 * @param blake3 BLAKE3 of the whole file, 64 hex digits, or null when not yet computed
 */
public record FileHashes(String sha256, String autoV1, String autoV2, String autoV3, String crc32, String blake3) {

    public FileHashes {
        sha256 = lowerCase(Objects.requireNonNull(sha256, "sha256"));
        autoV1 = lowerCase(autoV1);
        autoV2 = lowerCase(autoV2);
        autoV3 = lowerCase(autoV3);
        crc32 = lowerCase(crc32);
        blake3 = lowerCase(blake3);
    }

    /** Returns the first 12 hex digits of {@code autoV3}, the web UI's LoRA short hash, or null. */
    public String autoV3Short() {
        return autoV3 == null ? null : autoV3.substring(0, 12);
    }

    /** Returns a copy with the BLAKE3 hash set, for when it is computed after the upload. */
    public FileHashes withBlake3(String blake3) {
        return new FileHashes(sha256, autoV1, autoV2, autoV3, crc32, blake3);
    }

    /** Returns each known hash in the form that web UIs show, with AutoV3 cut to 12 digits; null ones left out. */
    public Map<HashKind, String> shown() {
        Map<HashKind, String> shown = new EnumMap<>(HashKind.class);
        putIfPresent(shown, HashKind.SHA256, sha256);
        putIfPresent(shown, HashKind.AUTOV1, autoV1);
        putIfPresent(shown, HashKind.AUTOV2, autoV2);
        putIfPresent(shown, HashKind.AUTOV3, autoV3Short());
        putIfPresent(shown, HashKind.CRC32, crc32);
        putIfPresent(shown, HashKind.BLAKE3, blake3);
        return Collections.unmodifiableMap(shown);
    }

    /**
     * Returns every lower-case string that a by-hash lookup of this file may be given: each shown hash,
     * the full AutoV3, and the CRC-32 with its four bytes reversed, as CivitAI's old scanner printed it.
     * Callers compare them with the lower-cased query.
     */
    public Set<String> lookupKeys() {
        Set<String> keys = new LinkedHashSet<>(shown().values());
        if (autoV3 != null) {
            keys.add(autoV3);
        }
        if (crc32 != null) {
            keys.add(reverseCrc32Bytes(crc32));
        }
        return Collections.unmodifiableSet(keys);
    }

    /** Returns the 8 hex digits of a CRC-32 with its byte order reversed: {@code 0d4a1185} becomes {@code 85114a0d}. */
    public static String reverseCrc32Bytes(String crc32) {
        int value = Integer.parseUnsignedInt(crc32, 16);
        return String.format("%08x", Integer.reverseBytes(value));
    }

    private static void putIfPresent(Map<HashKind, String> map, HashKind kind, String value) {
        if (value != null) {
            map.put(kind, value);
        }
    }

    private static String lowerCase(String hex) {
        return hex == null ? null : hex.toLowerCase(Locale.ROOT);
    }
}
