package dev.lorahub.hub.audit;

import dev.lorahub.hub.account.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/** Records who uploaded, changed, deleted or downloaded what, and lets an admin query it. */
@ApplicationScoped
public class AuditLog {

    static final int DETAIL_MAX_LENGTH = 2000;

    @Inject
    Session session;

    /**
     * Records an action in a transaction of its own, after the action itself has committed, so that a failed action
     * leaves no record claiming it happened.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Caller caller, String action, String targetType, Long targetId, String detail) {
        recordAs(caller.userId(), caller.username(), caller.address(), action, targetType, targetId, detail);
    }

    /** Records an action of an account that is not yet the request's caller, such as a login. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAs(Long actorId, String actorName, String address, String action, String targetType,
            Long targetId, String detail) {
        AuditEventEntity event = new AuditEventEntity();
        event.at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        event.actorId = actorId;
        event.actorName = actorName;
        event.address = address;
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId;
        event.detail = detail == null || detail.length() <= DETAIL_MAX_LENGTH
                ? detail : detail.substring(0, DETAIL_MAX_LENGTH);
        session.persist(event);
    }

    /** Events matching the filter, newest first, at most {@code limit}, before the event id {@code before} if set. */
    @Transactional
    public List<AuditEventEntity> find(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        conditions.add("1 = 1");
        if (query.actor() != null) {
            conditions.add("lower(e.actorName) = lower(:actor)");
            parameters.put("actor", query.actor());
        }
        if (query.action() != null) {
            conditions.add("e.action = :action");
            parameters.put("action", query.action());
        }
        if (query.targetType() != null) {
            conditions.add("e.targetType = :targetType");
            parameters.put("targetType", query.targetType());
        }
        if (query.targetId() != null) {
            conditions.add("e.targetId = :targetId");
            parameters.put("targetId", query.targetId());
        }
        if (query.before() != null) {
            conditions.add("e.id < :before");
            parameters.put("before", query.before());
        }
        SelectionQuery<AuditEventEntity> select = session.createSelectionQuery(
                "from AuditEventEntity e where " + String.join(" and ", conditions) + " order by e.id desc",
                AuditEventEntity.class);
        parameters.forEach(select::setParameter);
        return select.setMaxResults(query.limit()).getResultList();
    }

    /** Filters of an audit query; null fields do not filter. */
    public record AuditQuery(String actor, String action, String targetType, Long targetId, Long before, int limit) {
    }
}
