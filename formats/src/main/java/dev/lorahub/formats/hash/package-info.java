/** File hashes that model hubs and web UIs identify files by: SHA-256, AutoV1/V2/V3, CRC-32 and BLAKE3. */
package dev.lorahub.formats.hash;
