package dev.lorahub.hub.model;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.problem.ProblemException;
import java.util.Map;

/**
 * The visibility rules, in one place for every read. Listings show public models and the caller's own, or every model
 * to an admin. Direct reads, hash lookups and downloads also serve unlisted ones. A model the caller may not see gets
 * exactly the response of a missing one, so a 404 does not reveal whether a private model exists.
 */
public final class ModelAccess {

    private ModelAccess() {
    }

    /** Returns whether the caller may read this model, its versions and files. */
    public static boolean maySee(Caller caller, ModelEntity model) {
        return !Visibility.PRIVATE.apiName().equals(model.visibility) || mayManage(caller, model);
    }

    /** Returns whether the caller may change or delete this model and add versions to it: its owner or an admin. */
    public static boolean mayManage(Caller caller, ModelEntity model) {
        return caller.mayManage(model.owner == null ? null : model.owner.id);
    }

    /**
     * Checks that the caller may change the model: 404 when they may not even see it, 403 when they see it but do
     * not own it, and first 401 or 403 when they may not write at all.
     */
    public static void requireManage(Caller caller, ModelEntity model) {
        caller.requireWrite();
        if (!maySee(caller, model)) {
            throw ProblemException.notFound("model-not-found", model.id);
        }
        if (!mayManage(caller, model)) {
            throw new ProblemException(403, "not-owner", model.id);
        }
    }

    /** HQL condition on the model alias {@code m} for listings, with its parameters added to {@code parameters}. */
    public static String listedCondition(String alias, Caller caller, Map<String, Object> parameters) {
        return condition(alias, caller, parameters, "%s.visibility = 'public'");
    }

    /** HQL condition on the model alias for direct reads: everything but other people's private models. */
    public static String seenCondition(String alias, Caller caller, Map<String, Object> parameters) {
        return condition(alias, caller, parameters, "%s.visibility <> 'private'");
    }

    private static String condition(String alias, Caller caller, Map<String, Object> parameters, String open) {
        if (caller.admin()) {
            return "1 = 1";
        }
        String openToAll = open.formatted(alias);
        if (caller.isAnonymous()) {
            return "(" + openToAll + ")";
        }
        parameters.put("callerId", caller.userId());
        return "(" + openToAll + " or " + alias + ".owner.id = :callerId)";
    }
}
