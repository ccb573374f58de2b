package dev.lorahub.hub.download;

import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.model.ModelAccess;
import dev.lorahub.hub.model.ModelFileEntity;
import dev.lorahub.hub.model.ModelVersionEntity;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/** Resolves a download request to one file of a version the caller may see. */
@ApplicationScoped
public class DownloadFiles {

    @Inject
    Session session;

    @Inject
    CurrentCaller caller;

    /**
     * Picks the file with {@code fileId}, else the first of CivitAI file {@code type} (such as {@code Config}), else
     * the primary file.
     */
    @Transactional
    public DownloadTarget resolve(long versionId, Long fileId, String type) {
        ModelVersionEntity version = session.find(ModelVersionEntity.class, versionId);
        if (version == null || !ModelAccess.maySee(caller.get(), version.model)) {
            throw ProblemException.notFound("version-not-found", versionId);
        }
        ModelFileEntity file = version.files.stream()
                .filter(candidate -> fileId == null || candidate.id.equals(fileId))
                .filter(candidate -> fileId != null || type == null || candidate.fileType.equalsIgnoreCase(type))
                .filter(candidate -> fileId != null || type != null || candidate.primaryFile)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("file-not-found", versionId));
        return new DownloadTarget(version.id, version.model.id, file.sha256, file.sizeBytes, file.downloadName);
    }
}
