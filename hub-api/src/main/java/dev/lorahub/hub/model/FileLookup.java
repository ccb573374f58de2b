package dev.lorahub.hub.model;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Finds files by any hash kind CivitAI clients send: full SHA-256, BLAKE3 or AutoV3 (64 hex), AutoV3 short (12),
 * AutoV2 (10, the SHA-256 prefix), AutoV1 or CRC32 (8; CRC32 also in the byte-reversed order of CivitAI's old
 * scanner), among the files of models the caller may see. The caller owns the transaction.
 */
@ApplicationScoped
public class FileLookup {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    @Inject
    Session session;

    public Optional<ModelFileEntity> oldestByHash(String hash, Caller caller) {
        String hex = hash.strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw ProblemException.badRequest("invalid-hash", hash);
        }
        String condition = switch (hex.length()) {
            case 64 -> "f.sha256 = :hex or f.blake3 = :hex or f.autov3 = :hex";
            case 12 -> "f.autov3 like :prefix";
            case 10 -> "f.sha256 like :prefix";
            case 8 -> "f.autov1 = :hex or f.crc32 = :hex or f.crc32 = :reversed";
            default -> throw ProblemException.badRequest("invalid-hash", hash);
        };
        Map<String, Object> access = new HashMap<>();
        String seen = ModelAccess.seenCondition("f.version.model", caller, access);
        var query = session.createSelectionQuery(
                "from ModelFileEntity f where (" + condition + ") and " + seen + " order by f.version.id asc, f.id asc",
                ModelFileEntity.class);
        access.forEach(query::setParameter);
        if (condition.contains(":hex")) {
            query.setParameter("hex", hex);
        }
        if (condition.contains(":prefix")) {
            query.setParameter("prefix", hex + "%");
        }
        if (condition.contains(":reversed")) {
            query.setParameter("reversed", reverseBytes(hex));
        }
        return query.setMaxResults(1).getResultList().stream().findFirst();
    }

    public Optional<ModelFileEntity> byId(long id) {
        return Optional.ofNullable(session.find(ModelFileEntity.class, id));
    }

    /** Reverses the byte order of an 8-hex CRC-32: {@code 85114a0d} becomes {@code 0d4a1185}. */
    static String reverseBytes(String hex8) {
        return hex8.substring(6, 8) + hex8.substring(4, 6) + hex8.substring(2, 4) + hex8.substring(0, 2);
    }
}
