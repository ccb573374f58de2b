package dev.lorahub.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** H2 and folder storage under a fresh data folder, with OpenID Connect login against {@link OidcProviderMock}. */
public class OidcLoginProfile implements QuarkusTestProfile {

    static final String DATA_DIR = "target/test-data/oidc-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "lorahub.data-dir", DATA_DIR,
                "lorahub.oidc.enabled", "true",
                "lorahub.oidc.admin-group", OidcProviderMock.ADMIN_GROUP);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProviderMock.class));
    }
}
