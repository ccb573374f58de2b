package dev.lorahub.hub.model;

import java.util.List;

/** The model fields of an upload, already checked and defaulted. */
public record NewModel(
        long ownerId,
        String visibility,
        String name,
        String type,
        String description,
        List<String> tags,
        boolean nsfw,
        boolean poi,
        boolean allowNoCredit,
        List<String> allowCommercialUse,
        boolean allowDerivatives,
        boolean allowDifferentLicense) {
}
