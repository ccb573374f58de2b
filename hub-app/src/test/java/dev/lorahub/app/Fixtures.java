package dev.lorahub.app;

import java.nio.file.Path;

/** Paths of the shared real-world fixtures, read through the {@code fixtures.dir} property the build sets. */
final class Fixtures {

    static final Path ROOT = Path.of(System.getProperty("fixtures.dir", "../../shared/fixtures"));

    private Fixtures() {
    }

    static Path lora(String name) {
        return ROOT.resolve("lora").resolve(name);
    }

    static Path peft(String name) {
        return ROOT.resolve("peft").resolve("distilbert-emotion").resolve(name);
    }
}
