package dev.lorahub.validator;

/** Outcome of a validation, from best to worst: a file is as bad as its worst finding. */
public enum Verdict {
    /** Nothing found that a hub should act on. */
    OK("ok"),
    /** The file is safe to store, but it is not what an upload should be, or it is unusual. */
    WARNING("warning"),
    /** The file must not be stored or served: it is dangerous, malformed or not a model file. */
    REJECTED("rejected");

    private final String apiName;

    Verdict(String apiName) {
        this.apiName = apiName;
    }

    /** Returns the lower-case name used in API responses: {@code ok}, {@code warning} or {@code rejected}. */
    public String apiName() {
        return apiName;
    }

    /** Returns the worse of this verdict and the other one. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
