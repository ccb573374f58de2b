package dev.lorahub.hub.account;

import jakarta.enterprise.context.RequestScoped;

/** Holds the caller of the current request, which {@link CallerFilter} sets before the resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** Returns the caller, anonymous when the filter did not run (as for requests handled outside Quarkus REST). */
    public Caller get() {
        return caller == null ? Caller.anonymous(null) : caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }

    /**
     * Accepts the CSRF token a web form posted in a field, for pages that post forms rather than send the header.
     * Returns whether it matched the session's.
     */
    public boolean acceptFormCsrf(String csrfFromForm) {
        Caller current = get();
        if (current.means() == Caller.Means.SESSION && Secrets.sameSecret(current.csrfToken(), csrfFromForm)) {
            caller = current.withCsrfChecked();
            return true;
        }
        return false;
    }
}
