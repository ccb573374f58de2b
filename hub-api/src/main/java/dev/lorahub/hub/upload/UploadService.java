package dev.lorahub.hub.upload;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.model.ModelWriter;
import dev.lorahub.hub.model.NewModel;
import dev.lorahub.hub.model.NewVersion;
import dev.lorahub.hub.model.StoredFile;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.BlobStore;
import dev.lorahub.hub.storage.TempFiles;
import dev.lorahub.validator.ValidationReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns received upload parts into a stored version: inspects every file, moves the blobs into place, then records the
 * rows in one transaction. A failure at any step leaves no row, and no blob that this upload created and nothing
 * references.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final int NAME_RACE_RETRIES = 3;

    @Inject
    FileInspector inspector;

    @Inject
    UploadRequests requests;

    @Inject
    BlobStore blobs;

    @Inject
    ModelWriter writer;

    @Inject
    FileReferences references;

    @Inject
    PickleUploads pickles;

    @Inject
    Blake3Backfill blake3;

    /** Stores a new model with its first version and returns the version id. */
    public long createModel(UploadParts parts, Caller caller) throws IOException {
        UploadMetadata metadata = requests.metadata(parts, true);
        List<Path> converted = new ArrayList<>();
        try {
            List<NewFile> files = inspect(parts, metadata, converted);
            InspectedFile primary = files.get(0).inspection();
            NewModel model = requests.model(metadata, primary, caller.userId());
            NewVersion version = requests.version(metadata, primary);
            long versionId = store(files, suffix -> writer.createModel(model, version, storedFiles(files), suffix));
            LOG.infof("User %s created model \"%s\" with version %d (file %s, sha256 %s)", caller.username(),
                    model.name(), versionId, primary.file().fileName(), primary.file().hashes().sha256());
            return versionId;
        } finally {
            converted.forEach(TempFiles::deleteQuietly);
        }
    }

    /** Stores a new version of an existing model and returns its id. */
    public long createVersion(long modelId, UploadParts parts, Caller caller) throws IOException {
        UploadMetadata metadata = requests.metadata(parts, false);
        List<Path> converted = new ArrayList<>();
        try {
            List<NewFile> files = inspect(parts, metadata, converted);
            NewVersion version = requests.version(metadata, files.get(0).inspection());
            long versionId = store(files, suffix -> writer.createVersion(modelId, caller, version, storedFiles(files), suffix));
            LOG.infof("User %s added version %d to model %d", caller.username(), versionId, modelId);
            return versionId;
        } finally {
            converted.forEach(TempFiles::deleteQuietly);
        }
    }

    /**
     * Inspects the model file and the optional adapter config. A pickle checkpoint is converted to safetensors first,
     * into a temporary file added to {@code converted} for the caller to delete; its original is recorded too when
     * the uploader sets {@code keepOriginal}.
     */
    private List<NewFile> inspect(UploadParts parts, UploadMetadata metadata, List<Path> converted)
            throws IOException {
        List<ReceivedFile> models = parts.files().stream().filter(file -> !file.isJson()).toList();
        List<ReceivedFile> configs = parts.files().stream().filter(ReceivedFile::isJson).toList();
        if (models.isEmpty()) {
            throw ProblemException.badRequest("missing-file");
        }
        if (models.size() > 1 || configs.size() > 1) {
            throw ProblemException.badRequest("too-many-files", models.size(), configs.size());
        }
        ReceivedFile config = configs.isEmpty() ? null : configs.get(0);
        ReceivedFile model = models.get(0);
        ReceivedFile weights = model;
        ValidationReport pickleScan = null;
        if (PickleUploads.isPickleCheckpoint(model)) {
            pickleScan = pickles.scan(model);
            weights = pickles.convertScanned(model, pickleScan);
            converted.add(weights.temporaryFile());
        }

        List<NewFile> files = new ArrayList<>();
        files.add(new NewFile(weights, inspector.inspect(weights, config, metadata.type()), "Model", true,
                null));
        if (weights != model && Boolean.TRUE.equals(metadata.keepOriginal())) {
            files.add(new NewFile(model, null, "Model", false, pickleScan));
        }
        if (config != null) {
            files.add(new NewFile(config, null, "Config", false, null));
        }
        return files;
    }

    private long store(List<NewFile> files, VersionRecorder recorder) throws IOException {
        List<String> created = new ArrayList<>();
        try {
            for (NewFile file : files) {
                if (blobs.put(file.received().hashes().sha256(), file.received().temporaryFile())) {
                    created.add(file.received().hashes().sha256());
                }
            }
            long versionId = recordWithRetry(recorder);
            files.forEach(file -> blake3.schedule(file.received().hashes().sha256()));
            return versionId;
        } catch (IOException | RuntimeException e) {
            removeUnreferenced(created);
            throw e;
        }
    }

    private long recordWithRetry(VersionRecorder recorder) {
        for (int attempt = 1; ; attempt++) {
            try {
                return recorder.record(attempt > 1);
            } catch (PersistenceException e) {
                if (attempt >= NAME_RACE_RETRIES) {
                    throw e;
                }
                LOG.debugf("Recording the upload failed (%s); retrying with download names made unique", e);
            }
        }
    }

    private void removeUnreferenced(List<String> createdBlobs) {
        for (String sha256 : createdBlobs) {
            try {
                if (!references.isReferenced(sha256)) {
                    blobs.delete(sha256);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Could not remove unreferenced blob %s after a failed upload (%s)", sha256, e);
            }
        }
    }

    private static List<StoredFile> storedFiles(List<NewFile> files) {
        return files.stream().map(UploadService::storedFile).toList();
    }

    private static StoredFile storedFile(NewFile file) {
        InspectedFile inspection = file.inspection();
        ReceivedFile received = file.received();
        if (inspection == null) {
            return new StoredFile(received.fileName(), file.fileType(), file.format(), null, received.size(),
                    file.primary(), received.hashes(), null, null, file.scan());
        }
        return new StoredFile(received.fileName(), file.fileType(), "SafeTensor", inspection.fp(), received.size(),
                file.primary(), received.hashes(), inspection.lora(), inspection.headerMetadata(),
                inspection.validation());
    }

    @FunctionalInterface
    private interface VersionRecorder {
        long record(boolean suffixNames);
    }
}
