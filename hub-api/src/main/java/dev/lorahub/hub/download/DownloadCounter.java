package dev.lorahub.hub.download;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Counts downloads of a version and its model, each with one {@code count = count + 1} update, so concurrent downloads
 * add up rather than overwrite each other.
 */
@ApplicationScoped
public class DownloadCounter {

    @Inject
    Session session;

    @Transactional
    public void count(long versionId, long modelId) {
        session.createMutationQuery("update ModelVersionEntity v set v.downloadCount = v.downloadCount + 1"
                        + " where v.id = :id")
                .setParameter("id", versionId)
                .executeUpdate();
        session.createMutationQuery("update ModelEntity m set m.downloadCount = m.downloadCount + 1 where m.id = :id")
                .setParameter("id", modelId)
                .executeUpdate();
    }
}
