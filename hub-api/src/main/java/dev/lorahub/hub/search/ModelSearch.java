package dev.lorahub.hub.search;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.model.ModelAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * Finds model ids for a listing in the database. The caller owns the transaction.
 *
 * <p>NOTE: text matching is a case-insensitive substring match in SQL, so results have no relevance ranking.
 */
@ApplicationScoped
public class ModelSearch {

    @Inject
    Session session;

    /** Returns the ids and sort keys of the matching models in order, one more than the limit to tell if more follow. */
    public List<Object[]> find(ModelQuery query, Caller caller) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(query, caller, parameters);
        if (query.cursor() != null) {
            where += " and " + query.sort().after();
            parameters.put("cursorId", query.cursor().id());
            if (query.sort().hasSecondaryKey()) {
                parameters.put("cursorKey", query.cursor().key());
            }
        }
        String hql = "select m.id, " + query.sort().keyColumn() + " from ModelEntity m where " + where
                + " order by " + query.sort().orderBy();
        SelectionQuery<Object[]> select = session.createSelectionQuery(hql, Object[].class);
        parameters.forEach(select::setParameter);
        if (query.page() != null) {
            select.setFirstResult((query.page() - 1) * query.limit());
        }
        return select.setMaxResults(query.limit() + 1).getResultList();
    }

    /** Counts every model matching the filters, for numbered paging. */
    public long count(ModelQuery query, Caller caller) {
        Map<String, Object> parameters = new HashMap<>();
        SelectionQuery<Long> select = session.createSelectionQuery(
                "select count(m) from ModelEntity m where " + where(query, caller, parameters), Long.class);
        parameters.forEach(select::setParameter);
        return select.getSingleResult();
    }

    private static String where(ModelQuery query, Caller caller, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        conditions.add(ModelAccess.listedCondition("m", caller, parameters));
        if (query.username() != null) {
            conditions.add("m.owner.usernameKey = :username");
            parameters.put("username", query.username().toLowerCase(Locale.ROOT));
        }
        if (query.query() != null) {
            conditions.add("(lower(m.name) like :text escape '!'"
                    + " or exists (select 1 from ModelEntity mt join mt.tags t where mt = m and lower(t) like :text"
                    + " escape '!')"
                    + " or exists (select 1 from ModelVersionEntity v join v.trainedWords w where v.model = m"
                    + " and lower(w) like :text escape '!'))");
            parameters.put("text", "%" + escapeLike(query.query().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.tag() != null) {
            conditions.add("exists (select 1 from ModelEntity mg join mg.tags g where mg = m and lower(g) = :tag)");
            parameters.put("tag", query.tag().toLowerCase(Locale.ROOT));
        }
        if (!query.types().isEmpty()) {
            conditions.add("m.type in :types");
            parameters.put("types", query.types());
        }
        if (!query.baseModels().isEmpty()) {
            conditions.add("exists (select 1 from ModelVersionEntity b where b.model = m and b.baseModel in :bases)");
            parameters.put("bases", query.baseModels());
        }
        if (!query.ids().isEmpty()) {
            conditions.add("m.id in :ids");
            parameters.put("ids", query.ids());
        }
        if (Boolean.FALSE.equals(query.nsfw())) {
            conditions.add("m.nsfw = false");
        }
        return String.join(" and ", conditions);
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
