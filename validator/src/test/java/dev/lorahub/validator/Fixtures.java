package dev.lorahub.validator;

import java.nio.file.Path;

/** Paths of the shared fixture files. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * Returns the fixtures folder: the system property {@code fixtures.dir}, which Surefire sets, or
     * {@code ../../shared/fixtures} relative to the module folder when a test runs without it.
     */
    public static Path root() {
        String property = System.getProperty("fixtures.dir");
        return Path.of(property != null ? property : "../../shared/fixtures");
    }

    /** Returns a file under {@code fixtures/lora}. */
    public static Path lora(String fileName) {
        return root().resolve("lora").resolve(fileName);
    }

    /** Returns a file under {@code fixtures/pickle}. */
    public static Path pickle(String fileName) {
        return root().resolve("pickle").resolve(fileName);
    }
}
