package dev.lorahub.hub.model.api;

import java.util.List;

/** A model in CivitAI's shape, versions newest first. */
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
        List<VersionResponse> modelVersions) {
}
