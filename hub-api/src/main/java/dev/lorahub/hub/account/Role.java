package dev.lorahub.hub.account;

/** The rights of an account beyond its own models: an admin may edit, delete and see every model, and read the audit. */
public enum Role {
    USER("user"),
    ADMIN("admin");

    private final String apiName;

    Role(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
