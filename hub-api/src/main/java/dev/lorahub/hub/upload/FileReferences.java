package dev.lorahub.hub.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.hibernate.Session;

/** Checks whether any file row points at a blob, before a blob is removed. */
@ApplicationScoped
public class FileReferences {

    @Inject
    Session session;

    @Transactional
    public boolean isReferenced(String sha256) {
        return session.createSelectionQuery(
                        "select count(f) from ModelFileEntity f where f.sha256 = :sha256", Long.class)
                .setParameter("sha256", sha256)
                .getSingleResult() > 0;
    }

    /** Lists the blobs of file rows whose BLAKE3 is not computed yet. */
    @Transactional
    public List<String> withoutBlake3() {
        return session.createSelectionQuery(
                        "select distinct f.sha256 from ModelFileEntity f where f.blake3 is null", String.class)
                .getResultList();
    }

    /** Fills in the BLAKE3 of every file row with these bytes that has none yet. */
    @Transactional
    public int setBlake3(String sha256, String blake3) {
        return session.createMutationQuery(
                        "update ModelFileEntity f set f.blake3 = :blake3 where f.sha256 = :sha256 and f.blake3 is null")
                .setParameter("blake3", blake3)
                .setParameter("sha256", sha256)
                .executeUpdate();
    }
}
