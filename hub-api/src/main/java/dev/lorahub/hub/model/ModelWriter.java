package dev.lorahub.hub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorahub.formats.lora.LoraFacts;
import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.UserEntity;
import dev.lorahub.hub.model.api.FindingResponse;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.validator.ValidationReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Records models, versions and files whose blobs are already stored, each call in one transaction. */
@ApplicationScoped
public class ModelWriter {

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    /**
     * Creates a model with its first version.
     *
     * @param suffixNames true to give every file a download name made unique with its id, used when a first try lost
     *     a race for the plain name
     * @return the new version's id
     */
    @Transactional
    public long createModel(NewModel fields, NewVersion version, List<StoredFile> files, boolean suffixNames) {
        OffsetDateTime now = now();
        ModelEntity model = new ModelEntity();
        model.owner = session.getReference(UserEntity.class, fields.ownerId());
        model.visibility = fields.visibility();
        model.name = fields.name();
        model.type = fields.type();
        model.description = fields.description();
        model.tags = new ArrayList<>(fields.tags());
        model.nsfw = fields.nsfw();
        model.poi = fields.poi();
        model.allowNoCredit = fields.allowNoCredit();
        model.allowCommercialUse = String.join(",", fields.allowCommercialUse());
        model.allowDerivatives = fields.allowDerivatives();
        model.allowDifferentLicense = fields.allowDifferentLicense();
        model.createdAt = now;
        model.updatedAt = now;
        session.persist(model);
        return addVersion(model, version, files, suffixNames, now);
    }

    /** Checks before an upload's body is read that the caller may add a version to the model. */
    @Transactional
    public void checkNewVersion(long modelId, Caller caller) {
        manageable(modelId, caller);
    }

    /** Adds a version to an existing model that the caller may change and returns its id. */
    @Transactional
    public long createVersion(
            long modelId, Caller caller, NewVersion version, List<StoredFile> files, boolean suffixNames) {
        ModelEntity model = manageable(modelId, caller);
        OffsetDateTime now = now();
        model.updatedAt = now;
        return addVersion(model, version, files, suffixNames, now);
    }

    private ModelEntity manageable(long modelId, Caller caller) {
        ModelEntity model = session.find(ModelEntity.class, modelId);
        if (model == null) {
            throw ProblemException.notFound("model-not-found", modelId);
        }
        ModelAccess.requireManage(caller, model);
        return model;
    }

    private long addVersion(
            ModelEntity model, NewVersion fields, List<StoredFile> files, boolean suffixNames, OffsetDateTime now) {
        ModelVersionEntity version = new ModelVersionEntity();
        version.model = model;
        version.name = fields.name();
        version.baseModel = fields.baseModel();
        version.baseModelType = "Standard";
        version.description = fields.description();
        version.trainedWords = new ArrayList<>(fields.trainedWords());
        version.createdAt = now;
        version.publishedAt = now;
        model.versions.add(version);
        session.persist(version);

        for (StoredFile file : files) {
            version.files.add(recordFile(version, file, suffixNames, now));
        }
        session.flush();
        return version.id;
    }

    private ModelFileEntity recordFile(
            ModelVersionEntity version, StoredFile stored, boolean suffixNames, OffsetDateTime now) {
        ModelFileEntity file = new ModelFileEntity();
        file.version = version;
        // The uploaded name may carry a path, control characters or hundreds of characters; only a safe last segment
        // is kept, even for display.
        String sanitized = DownloadNames.sanitize(stored.uploadedName());
        file.name = sanitized;
        file.downloadName = "pending-" + UUID.randomUUID();
        file.fileType = stored.fileType();
        file.format = stored.format();
        file.fp = stored.fp();
        file.sizeBytes = stored.size();
        file.primaryFile = stored.primary();
        file.sha256 = stored.hashes().sha256();
        file.autov1 = stored.hashes().autoV1();
        file.autov2 = stored.hashes().autoV2();
        file.autov3 = stored.hashes().autoV3();
        file.crc32 = stored.hashes().crc32();
        file.blake3 = stored.hashes().blake3();
        file.fileMetadata = metadataJson(stored);
        copyValidation(stored.validation(), file);
        file.createdAt = now;
        copyLoraFacts(stored.lora(), file);
        session.persist(file);
        session.flush();

        // The id is known only after the insert; a plain name that is taken, or a retry after a lost race, gets it.
        // Files of private models always get it: if they took plain names, anyone could learn that a private file of
        // some name exists by uploading one of the same name and seeing the suffix.
        String plain = "SafeTensor".equals(stored.format()) ? DownloadNames.asSafetensors(sanitized) : sanitized;
        boolean hidden = Visibility.PRIVATE.apiName().equals(version.model.visibility);
        file.downloadName = suffixNames || hidden || isTaken(plain) ? DownloadNames.withId(plain, file.id) : plain;
        return file;
    }

    private boolean isTaken(String downloadName) {
        return session.createSelectionQuery(
                        "select count(f) from ModelFileEntity f where f.downloadName = :name", Long.class)
                .setParameter("name", downloadName)
                .getSingleResult() > 0;
    }

    private static void copyLoraFacts(LoraFacts lora, ModelFileEntity file) {
        if (lora == null) {
            return;
        }
        file.loraLayout = lora.layout().apiName();
        file.loraNetworkType = lora.networkType().apiName();
        file.loraRank = lora.rank();
        file.loraRanks = lora.ranks().stream().map(String::valueOf).collect(Collectors.joining(","));
        file.loraAlpha = lora.alpha();
        file.loraModuleCount = lora.moduleCount();
        file.loraDtype = lora.dtype();
        file.loraTargets = String.join(",", lora.targets());
    }

    private void copyValidation(ValidationReport validation, ModelFileEntity file) {
        if (validation == null) {
            return;
        }
        file.validationVerdict = validation.verdict().apiName();
        file.validationFindings = toJson(validation.findings().stream().map(FindingResponse::of).toList());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps and records of strings always serialise", e);
        }
    }

    private String metadataJson(StoredFile stored) {
        if (stored.headerMetadata() == null || stored.headerMetadata().isEmpty()) {
            return null;
        }
        return toJson(stored.headerMetadata());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
