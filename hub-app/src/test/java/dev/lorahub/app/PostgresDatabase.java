package dev.lorahub.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the machine's PostgreSQL server at 127.0.0.1:5432 (trust authentication), created for one test
 * run and dropped after it. Starts the server with pg_ctlcluster when it is down.
 */
public class PostgresDatabase implements QuarkusTestResourceLifecycleManager {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String ADMIN_DATABASE = "test";
    static final String USER = System.getProperty("lorahub.test.pg-user", "postgres");

    private String database;

    @Override
    public Map<String, String> start() {
        database = "lorahub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            ensureServerRunning();
            execute("create database " + database);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not create PostgreSQL database " + database + ": " + e, e);
        }
        return Map.of(
                "lorahub.database.kind", "postgresql",
                "lorahub.database.url", SERVER + database,
                "lorahub.database.username", USER,
                "lorahub.database.password", "");
    }

    @Override
    public void stop() {
        try {
            execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + ADMIN_DATABASE, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void ensureServerRunning() throws IOException {
        try (Connection ignored = DriverManager.getConnection(SERVER + ADMIN_DATABASE, USER, "")) {
            return;
        } catch (SQLException down) {
            startServer();
        }
    }

    private static void startServer() throws IOException {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(path -> path.getFileName().toString()).findFirst()
                    .orElseThrow(() -> new IOException("No PostgreSQL cluster under /etc/postgresql"));
            Process process = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start")
                    .inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException("pg_ctlcluster " + version + " main start failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting PostgreSQL", e);
        }
    }
}
