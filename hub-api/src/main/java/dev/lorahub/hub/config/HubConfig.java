package dev.lorahub.hub.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The hub's own settings, under the prefix {@code lorahub}; each maps to an environment variable such as {@code LORAHUB_DATA_DIR}. */
@ConfigMapping(prefix = "lorahub")
public interface HubConfig {

    /** Folder for the embedded database, the folder blob store and temporary upload files. */
    @WithDefault("data")
    Path dataDir();

    /** Base URL that clients reach the hub at, used for absolute URLs in responses; taken from each request when absent. */
    Optional<String> publicUrl();

    /** Metadata database selection. */
    Database database();

    /** Blob store selection. */
    Storage storage();

    /** Upload limits. */
    Upload upload();

    /**
     * API token (scope write) that the first start gives the {@code admin} account instead of a random one, for
     * scripted installs; set it as {@code LORAHUB_ADMIN_TOKEN}. Read only when the database has no account yet.
     */
    Optional<String> adminToken();

    /** Sign-up and login settings. */
    Accounts accounts();

    /** Rate limits on downloads, uploads and failed logins. */
    Limits limits();

    /**
     * Rate limits, each a token bucket per caller: up to {@code max} requests at once, refilled evenly over the
     * period. A caller is its API token, else its account for a web session, else its client address. Each hub
     * process counts on its own, in memory.
     */
    interface Limits {

        /** Whether any rate limit applies; false switches them all off. */
        @WithDefault("true")
        boolean enabled();

        /** Downloads (GET {@code /api/download/models/...}) per caller; admins are exempt. */
        Downloads downloads();

        /** Uploads of models and versions per caller; admins are exempt. */
        Uploads uploads();

        /** Failed logins per account name and client address, and per client address. */
        Logins logins();
    }

    /** Download rate per caller. */
    interface Downloads {

        /** Downloads per period; 0 switches this limit off. */
        @WithDefault("600")
        int max();

        /** Period over which {@code max} downloads are allowed. */
        @WithDefault("1m")
        Duration period();
    }

    /** Upload rate per caller. */
    interface Uploads {

        /** Uploads per period; 0 switches this limit off. */
        @WithDefault("60")
        int max();

        /** Period over which {@code max} uploads are allowed. */
        @WithDefault("1h")
        Duration period();
    }

    /**
     * Failed login rate. Once an account name has {@code max-failures} failures from one address, its logins from
     * there get 429, even with the right password, until the period refills a try. {@code max-failures-per-address}
     * does the same for all names from one address. Successful logins do not count.
     */
    interface Logins {

        /** Failed logins per account name and client address per period; 0 switches this limit off. */
        @WithDefault("10")
        int maxFailures();

        /** Failed logins per client address per period, over all account names; 0 switches this limit off. */
        @WithDefault("100")
        int maxFailuresPerAddress();

        /** Period over which the failures are counted. */
        @WithDefault("15m")
        Duration period();
    }

    /** Login through an OpenID Connect provider; the provider itself is set with the {@code quarkus.oidc.*} keys. */
    Oidc oidc();

    /** OpenID Connect login at {@code /login/oidc}. */
    interface Oidc {

        /** Whether {@code /login/oidc} logs people in through the provider; when off it returns 404. */
        @WithDefault("false")
        boolean enabled();

        /**
         * Group whose members get the admin role. When set, every OpenID Connect login sets the account's role from
         * the group claim, so removing someone from the group at the provider takes the admin role away at their next
         * login. When absent, such accounts are created as users and their role is left to the hub's admins.
         */
        Optional<String> adminGroup();

        /** Top-level ID token claim that lists the person's groups, a string array or a single string. */
        @WithDefault("groups")
        String groupsClaim();
    }

    /** Sign-up and web sessions. */
    interface Accounts {

        /** Whether anyone may create an account; when off, only an admin creates accounts. */
        @WithDefault("true")
        boolean signup();

        /** How long a web login lasts. */
        @WithDefault("14d")
        Duration sessionLifetime();

        /**
         * Whether session cookies carry {@code Secure}. By default they do when the request arrived over HTTPS or
         * the public URL is HTTPS; set true behind a TLS proxy that does not forward the scheme.
         */
        Optional<Boolean> secureCookies();
    }

    /** Database selection. */
    interface Database {

        /** {@code h2} (embedded, in the data folder) or {@code postgresql}. */
        @WithDefault("h2")
        DatabaseKind kind();

        /** JDBC URL of the PostgreSQL database, read when the kind is {@code postgresql}. */
        @WithDefault("jdbc:postgresql://127.0.0.1:5432/lorahub")
        String url();

        /** PostgreSQL user name. */
        @WithDefault("lorahub")
        String username();

        /** PostgreSQL password; empty for trust or peer authentication. */
        Optional<String> password();
    }

    /** Blob store selection and S3 settings. */
    interface Storage {

        /** {@code folder} (under the data folder) or {@code s3}. */
        @WithDefault("folder")
        StorageKind kind();

        /**
         * Whether the folder store flushes each new blob to the disk before a row may point at it. Off saves about a
         * second per GiB on disks like the test machine's, at the risk of a damaged blob after a power loss.
         */
        @WithDefault("true")
        boolean fsync();

        /** S3 settings, read when the kind is {@code s3}. */
        S3 s3();
    }

    /** Connection to an S3-compatible store (MinIO, Ceph RGW, AWS S3). */
    interface S3 {

        /** Endpoint URL, for example {@code http://127.0.0.1:9000}. */
        Optional<String> endpoint();

        /** Bucket holding the blobs; created at start when missing. */
        @WithDefault("lorahub")
        String bucket();

        /** Region sent in signatures. */
        @WithDefault("us-east-1")
        String region();

        /** Access key. */
        Optional<String> accessKey();

        /** Secret key. */
        Optional<String> secretKey();
    }

    /** Limits on what one upload may send. */
    interface Upload {

        /** Largest request body accepted by an upload, for example {@code 64G}; larger ones get 413. */
        @WithDefault("64G")
        MemorySize maxSize();
    }

    /** Supported metadata databases. */
    enum DatabaseKind {
        h2,
        postgresql
    }

    /** Supported blob stores. */
    enum StorageKind {
        folder,
        s3
    }
}
