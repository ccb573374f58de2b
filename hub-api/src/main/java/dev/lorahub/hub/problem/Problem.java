package dev.lorahub.hub.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of an RFC 9457 problem response, with Lorahub's stable {@code code} beside the standard members. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, String instance, String code, List<Object> reasons) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
