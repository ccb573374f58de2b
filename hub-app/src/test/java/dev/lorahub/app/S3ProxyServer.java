package dev.lorahub.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs s3proxy with its filesystem backend as a separate process on a free loopback port, so the S3 blob store is
 * tested against a real S3 protocol server. The jar is copied into target/s3proxy by the build.
 */
public class S3ProxyServer implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "lorahub-test";
    static final String SECRET_KEY = "lorahub-test-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Process process;
    private Path folder;

    @Override
    public Map<String, String> start() {
        try {
            Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
            int port = freePort();
            folder = Files.createTempDirectory("lorahub-s3proxy-");
            Path properties = folder.resolve("s3proxy.properties");
            Files.createDirectories(folder.resolve("buckets"));
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + folder.resolve("buckets"),
                    ""));
            process = new ProcessBuilder("java", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("s3proxy.log").toFile())
                    .start();
            String endpoint = "http://127.0.0.1:" + port;
            awaitReady(endpoint);
            return Map.of(
                    "lorahub.storage.kind", "s3",
                    "lorahub.storage.s3.endpoint", endpoint,
                    "lorahub.storage.s3.bucket", "lorahub-test",
                    "lorahub.storage.s3.access-key", ACCESS_KEY,
                    "lorahub.storage.s3.secret-key", SECRET_KEY);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start s3proxy: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Returns the folder where s3proxy keeps the bucket's objects. */
    Path bucketFolder() {
        return folder.resolve("buckets").resolve("lorahub-test");
    }

    private void awaitReady(String endpoint) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited at start; see " + folder.resolve("s3proxy.log"));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode();
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IOException("s3proxy did not answer at " + endpoint + " within " + START_TIMEOUT);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
