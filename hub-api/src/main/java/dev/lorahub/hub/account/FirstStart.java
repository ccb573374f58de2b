package dev.lorahub.hub.account;

import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * On the first start, with no account in the database, creates the {@code admin} account with a write token and a
 * password that the first web login must change. Both go to files in the data folder, readable by the hub's own
 * system user only, and the log names both paths. Models from before accounts existed are given to the admin.
 */
@ApplicationScoped
public class FirstStart {

    public static final String ADMIN_NAME = "admin";
    public static final String TOKEN_FILE = "admin-token";
    public static final String PASSWORD_FILE = "admin-password";

    private static final Logger LOG = Logger.getLogger(FirstStart.class);

    @Inject
    HubConfig config;

    @Inject
    Session session;

    @Inject
    AccountService accounts;

    @Inject
    TokenService tokens;

    void onStart(@Observes StartupEvent event) {
        if (accounts.count() > 0) {
            return;
        }
        try {
            createAdmin();
        } catch (PersistenceException | ProblemException e) {
            // Another hub process sharing the database made the admin first.
            LOG.infof("Another hub process created the first admin account (%s)", e.getMessage());
        }
    }

    @Transactional
    void createAdmin() {
        String password = Secrets.newPassword();
        UserEntity admin = accounts.create(ADMIN_NAME, password, Role.ADMIN, true);
        String token = config.adminToken().filter(preset -> !preset.isBlank()).orElseGet(Secrets::newToken);
        tokens.create(admin.id, "first start", TokenScope.WRITE, token);
        int models = session.createMutationQuery("update ModelEntity m set m.owner = :admin where m.owner is null")
                .setParameter("admin", admin)
                .executeUpdate();

        Path tokenFile = config.dataDir().resolve(TOKEN_FILE).toAbsolutePath();
        Path passwordFile = config.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
        writeSecret(tokenFile, token);
        writeSecret(passwordFile, password);
        LOG.infof("Created the first account \"%s\" (admin). Its API token (scope write) is in %s%s; its first"
                + " password is in %s and must be changed at the first web login. Delete both files once you have"
                + " stored them elsewhere.", ADMIN_NAME, tokenFile,
                config.adminToken().isPresent() ? " (as preset by LORAHUB_ADMIN_TOKEN)" : "", passwordFile);
        if (models > 0) {
            LOG.infof("Gave the %d models uploaded before accounts existed to \"%s\"", models, ADMIN_NAME);
        }
    }

    /**
     * Writes a secret with mode 0600 from the start: into a new temporary file created with that mode, then moved
     * into place, so the secret is never readable by others, not even for a moment.
     */
    static void writeSecret(Path target, String secret) {
        try {
            Files.createDirectories(target.getParent());
            Path temporary;
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            }
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + "; check that the data folder is writable", e);
        }
    }
}
