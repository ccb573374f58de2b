package dev.lorahub.hub.download;

/** The file a download request resolved to: where its bytes are and how to name them. */
public record DownloadTarget(long versionId, long modelId, String sha256, long size, String downloadName) {

    /** Returns the strong ETag: the SHA-256 in lower case, quoted. */
    public String etag() {
        return "\"" + sha256 + "\"";
    }
}
