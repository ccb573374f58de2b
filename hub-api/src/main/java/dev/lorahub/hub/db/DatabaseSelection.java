package dev.lorahub.hub.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Activates the datasource, persistence unit and Flyway of the database chosen by {@code lorahub.database.kind}, and
 * points the embedded H2 database at {@code <lorahub.data-dir>/db}.
 *
 * <p>Quarkus fixes a datasource's kind when the application is built, so the build carries both an {@code h2} and a
 * {@code postgresql} datasource over the same entities, and this source switches the unused one off at start. Its
 * ordinal lies between application.properties (250) and environment variables (300), so an operator can still set any
 * of these keys directly.
 */
public class DatabaseSelection implements ConfigSourceFactory {

    static final String KIND_KEY = "lorahub.database.kind";
    static final String DATA_DIR_KEY = "lorahub.data-dir";
    static final String DEFAULT_DATA_DIR = "data";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue kind = context.getValue(KIND_KEY);
        boolean postgresql = kind != null && "postgresql".equalsIgnoreCase(kind.getValue());
        Map<String, String> properties = new HashMap<>(activeFlags(postgresql));
        properties.put("quarkus.datasource.\"h2\".jdbc.url", h2Url(context.getValue(DATA_DIR_KEY)));
        return List.of(new PropertiesConfigSource(properties, "lorahub-database-selection", ORDINAL));
    }

    /** H2 rejects relative paths that do not start with ./, so the data folder is made absolute. */
    private static String h2Url(ConfigValue dataDir) {
        String folder = dataDir == null || dataDir.getValue() == null ? DEFAULT_DATA_DIR : dataDir.getValue();
        return "jdbc:h2:file:" + Path.of(folder).toAbsolutePath().normalize().resolve("db").resolve("lorahub")
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static Map<String, String> activeFlags(boolean postgresql) {
        String h2 = String.valueOf(!postgresql);
        String pg = String.valueOf(postgresql);
        return Map.of(
                "quarkus.datasource.\"h2\".active", h2,
                "quarkus.datasource.\"postgresql\".active", pg,
                "quarkus.hibernate-orm.\"h2\".active", h2,
                "quarkus.hibernate-orm.\"postgresql\".active", pg,
                "quarkus.flyway.\"h2\".active", h2,
                "quarkus.flyway.\"postgresql\".active", pg);
    }
}
