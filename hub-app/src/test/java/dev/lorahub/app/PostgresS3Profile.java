package dev.lorahub.app;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The production layout: PostgreSQL (a fresh database on the local server) and S3 (s3proxy on loopback). */
public class PostgresS3Profile implements QuarkusTestProfile {

    static final String DATA_DIR = "target/test-data/pg-" + UUID.randomUUID();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("lorahub.data-dir", DATA_DIR);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresDatabase.class), new TestResourceEntry(S3ProxyServer.class));
    }
}
