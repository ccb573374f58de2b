package dev.lorahub.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.UUID;

/** The embedded default: H2 in a file and blobs in a folder, under a fresh data folder in target/. */
public class H2FolderProfile implements QuarkusTestProfile {

    static final String DATA_DIR = "target/test-data/h2-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lorahub.data-dir", DATA_DIR);
    }
}
