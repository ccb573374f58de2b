package dev.lorahub.hub.model.api;

import java.util.List;

/** A model in CivitAI's shape, versions newest first, with the hub's own {@code visibility} added. */
public record ModelResponse(
        long id,
        String name,
        String description,
        String type,
        boolean poi,
        boolean nsfw,
        int nsfwLevel,
        boolean allowNoCredit,
        List<String> allowCommercialUse,
        boolean allowDerivatives,
        boolean allowDifferentLicense,
        StatsResponse stats,
        CreatorResponse creator,
        List<String> tags,
        String visibility,
        List<VersionResponse> modelVersions) {

    /** Returns a copy whose versions list only their primary file, for CivitAI's {@code primaryFileOnly}. */
    public ModelResponse withPrimaryFilesOnly() {
        List<VersionResponse> versions = modelVersions.stream().map(VersionResponse::withPrimaryFileOnly).toList();
        return new ModelResponse(id, name, description, type, poi, nsfw, nsfwLevel, allowNoCredit, allowCommercialUse,
                allowDerivatives, allowDifferentLicense, stats, creator, tags, visibility, versions);
    }
}
