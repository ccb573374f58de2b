package dev.lorahub.hub.audit;

import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.account.TokenResource;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.problem.QueryParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestQuery;

/** The audit trail for admins: {@code GET /api/v1/audit}, newest first, paged with {@code before}. */
@SecurityRequirement(name = TokenResource.API_TOKEN)
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Query the audit trail (admins only): filter by actor, action, targetType and targetId")
    public AuditPage find(@RestQuery String actor, @RestQuery String action, @RestQuery String targetType,
            @RestQuery String targetId, @RestQuery String before, @RestQuery String limit) {
        caller.get().requireAdmin();
        Long requested = QueryParameters.optionalLong("limit", limit);
        long size = requested == null ? DEFAULT_LIMIT : requested;
        if (size < 1) {
            throw ProblemException.badRequest("invalid-parameter", "limit", size);
        }
        if (size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit-out-of-range", "limit", size, MAX_LIMIT);
        }
        List<AuditEventEntity> events = audit.find(new AuditLog.AuditQuery(blankToNull(actor), blankToNull(action),
                blankToNull(targetType), QueryParameters.optionalLong("targetId", targetId),
                QueryParameters.optionalLong("before", before), (int) size));
        List<Event> items = events.stream().map(Event::of).toList();
        Long next = events.size() == size ? events.get(events.size() - 1).id : null;
        return new AuditPage(items, next);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A page of events; {@code nextBefore} is the {@code before} of the next page, null on the last. */
    public record AuditPage(List<Event> items, Long nextBefore) {
    }

    /** One audit event. */
    public record Event(long id, OffsetDateTime at, Long actorId, String actor, String address, String action,
            String targetType, Long targetId, String detail) {

        static Event of(AuditEventEntity event) {
            return new Event(event.id, event.at, event.actorId, event.actorName, event.address, event.action,
                    event.targetType, event.targetId, event.detail);
        }
    }
}
