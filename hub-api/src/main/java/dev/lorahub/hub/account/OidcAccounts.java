package dev.lorahub.hub.account;

import dev.lorahub.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Links OpenID Connect identities to local accounts by the provider's {@code sub} claim. The first login creates an
 * account without a password, named after {@code preferred_username} made valid under {@link Usernames} rules and
 * unique; later logins find it by the subject, even after the person changes their name at the provider.
 */
@ApplicationScoped
public class OidcAccounts {

    private static final Logger LOG = Logger.getLogger(OidcAccounts.class);

    /** Name used when neither the preferred username nor the e-mail address leaves at least two valid characters. */
    static final String FALLBACK_NAME = "user";

    /** Numbered names tried before a random suffix: {@code alice}, {@code alice-2}, ... {@code alice-99}. */
    private static final int NUMBERED_TRIES = 99;

    private static final int MAX_LENGTH = 39;
    private static final Pattern INVALID_RUN = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[._-]+|[._-]+$");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Session session;

    /**
     * Returns the account linked to this subject, creating it on the first login. When {@code admin} is present it
     * sets the account's role; when empty the role is left as it is, and new accounts get {@link Role#USER}. The
     * account is created even when {@code lorahub.accounts.signup} is false, because the provider decides who may log
     * in.
     *
     * @throws LinkConflict when a concurrent login created the same subject or took the chosen name first. The
     *                      caller may try once more in a new transaction.
     */
    @Transactional
    public LinkedAccount findOrCreate(OidcIdentity identity, Optional<Boolean> admin) {
        if (identity.subject() == null || identity.subject().isBlank()) {
            throw new ProblemException(401, "oidc-subject-missing");
        }
        Optional<UserEntity> linked = findBySubject(identity.subject());
        if (linked.isPresent()) {
            UserEntity user = linked.get();
            admin.ifPresent(isAdmin -> user.role = (isAdmin ? Role.ADMIN : Role.USER).apiName());
            return new LinkedAccount(user, false);
        }

        String username = freeUsername(usernameBase(identity.preferredUsername(), identity.email()));
        UserEntity user = new UserEntity();
        user.username = username;
        user.usernameKey = Usernames.key(username);
        user.role = (admin.orElse(false) ? Role.ADMIN : Role.USER).apiName();
        user.oidcSubject = identity.subject();
        user.createdAt = Authenticator.now();
        try {
            session.persist(user);
            session.flush();
        } catch (PersistenceException e) {
            throw new LinkConflict(identity.subject(), e);
        }
        LOG.infof("Created account %d (%s) for OpenID Connect subject %s", user.id, user.username,
                identity.subject());
        return new LinkedAccount(user, true);
    }

    /**
     * Turns a provider's name into a valid username, before the uniqueness check. An e-mail address gives its local
     * part, accents are dropped and each run of other characters becomes one dash. Dots, dashes and underscores are
     * trimmed from the ends and the result is cut to 39 characters. When fewer than two characters remain, the
     * e-mail address is tried the same way, and then {@value #FALLBACK_NAME} is used.
     */
    static String usernameBase(String preferredUsername, String email) {
        for (String candidate : new String[] {preferredUsername, email}) {
            String cleaned = clean(candidate);
            if (cleaned.length() >= 2) {
                return cleaned;
            }
        }
        return FALLBACK_NAME;
    }

    /** Appends {@code -suffix} to the base, cutting the base so that the whole stays within 39 characters. */
    static String numbered(String base, String suffix) {
        String tail = "-" + suffix;
        String head = base.substring(0, Math.min(base.length(), MAX_LENGTH - tail.length()));
        return EDGE_PUNCTUATION.matcher(head).replaceAll("") + tail;
    }

    private static String clean(String name) {
        if (name == null) {
            return "";
        }
        String local = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(local, Normalizer.Form.NFKD)).replaceAll("");
        String dashed = INVALID_RUN.matcher(ascii).replaceAll("-");
        String trimmed = EDGE_PUNCTUATION.matcher(dashed).replaceAll("");
        String cut = trimmed.substring(0, Math.min(trimmed.length(), MAX_LENGTH));
        return EDGE_PUNCTUATION.matcher(cut).replaceAll("");
    }

    private String freeUsername(String base) {
        if (isFree(base)) {
            return base;
        }
        for (int n = 2; n <= NUMBERED_TRIES; n++) {
            String candidate = numbered(base, Integer.toString(n));
            if (isFree(candidate)) {
                return candidate;
            }
        }
        // Ninety-nine taken names in a row are unlikely unless someone registers them on purpose, so a random suffix
        // ends the search.
        return numbered(base, HexFormat.of().toHexDigits(RANDOM.nextInt()));
    }

    private boolean isFree(String username) {
        String key;
        try {
            key = Usernames.check(username);
        } catch (ProblemException reserved) {
            return false;
        }
        return session.createSelectionQuery("select count(u) from UserEntity u where u.usernameKey = :key", Long.class)
                .setParameter("key", key)
                .getSingleResult() == 0;
    }

    private Optional<UserEntity> findBySubject(String subject) {
        return session.createSelectionQuery("from UserEntity u where u.oidcSubject = :subject", UserEntity.class)
                .setParameter("subject", subject)
                .getResultList().stream().findFirst();
    }

    /** The claims of a provider's ID token that the account link reads. */
    public record OidcIdentity(String subject, String preferredUsername, String email) {
    }

    /** The account of an OpenID Connect login, and whether this login created it. */
    public record LinkedAccount(UserEntity user, boolean created) {
    }

    /** A concurrent login inserted the same subject or username first. */
    public static class LinkConflict extends RuntimeException {

        LinkConflict(String subject, Throwable cause) {
            super("Linking OpenID Connect subject " + subject + " clashed with a concurrent login", cause);
        }
    }
}
