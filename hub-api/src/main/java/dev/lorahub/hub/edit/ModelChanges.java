package dev.lorahub.hub.edit;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The fields of a model to change; absent (null) fields stay as they are. Names as in an upload's metadata; an unknown
 * name is rejected rather than ignored, so that a misspelt {@code visibility} cannot leave a model public unnoticed.
 */
public record ModelChanges(
        String name,
        String description,
        List<String> tags,
        Boolean nsfw,
        Boolean poi,
        Boolean allowNoCredit,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> allowCommercialUse,
        Boolean allowDerivatives,
        Boolean allowDifferentLicense,
        String visibility,
        String type) {
}
