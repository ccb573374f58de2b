package dev.lorahub.hub.edit;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.model.ModelAccess;
import dev.lorahub.hub.model.ModelEntity;
import dev.lorahub.hub.model.ModelFileEntity;
import dev.lorahub.hub.model.ModelVersionEntity;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.BlobHeaders;
import dev.lorahub.hub.storage.BlobStore;
import dev.lorahub.hub.upload.BaseModelFit;
import dev.lorahub.hub.upload.ModelTypes;
import dev.lorahub.hub.upload.UploadRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;

/** Changes and deletes models and versions for their owner or an admin, each call in one transaction. */
@ApplicationScoped
public class ModelEditor {

    @Inject
    Session session;

    @Inject
    BlobStore blobs;

    @Transactional
    public void change(long modelId, ModelChanges changes, Caller caller) {
        ModelEntity model = manageable(modelId, caller);
        changeTexts(model, changes);

        if (changes.type() != null) {
            String type = ModelTypes.canonical(changes.type());
            if (type == null) {
                throw ProblemException.badRequest("invalid-type", changes.type(), String.join(", ", ModelTypes.ALL));
            }
            model.type = type;
        }
        if (changes.visibility() != null) {
            model.visibility = UploadRequests.visibility(changes.visibility());
        }

        model.nsfw = orKeep(changes.nsfw(), model.nsfw);
        model.poi = orKeep(changes.poi(), model.poi);
        model.allowNoCredit = orKeep(changes.allowNoCredit(), model.allowNoCredit);
        model.allowDerivatives = orKeep(changes.allowDerivatives(), model.allowDerivatives);
        model.allowDifferentLicense = orKeep(changes.allowDifferentLicense(), model.allowDifferentLicense);
        if (changes.allowCommercialUse() != null) {
            model.allowCommercialUse = String.join(",", changes.allowCommercialUse());
        }
        model.updatedAt = now();
    }

    /** Applies the name, description and tags, checked as an upload checks them. */
    private static void changeTexts(ModelEntity model, ModelChanges changes) {
        if (changes.name() != null) {
            if (changes.name().isBlank()) {
                throw ProblemException.badRequest("missing-name");
            }
            UploadRequests.checkText("name", changes.name(), UploadRequests.NAME_MAX_LENGTH);
            model.name = changes.name().strip();
        }
        if (changes.description() != null) {
            UploadRequests.checkText("description", changes.description(), UploadRequests.DESCRIPTION_MAX_LENGTH);
            model.description = changes.description();
        }
        if (changes.tags() != null) {
            model.tags = new ArrayList<>(UploadRequests.cleaned(changes.tags(), UploadRequests.TAG_MAX_LENGTH, "tags"));
        }
    }

    @Transactional
    public long changeVersion(long versionId, VersionChanges changes, Caller caller) {
        ModelVersionEntity version = manageableVersion(versionId, caller);
        if (changes.name() != null) {
            if (changes.name().isBlank()) {
                throw ProblemException.badRequest("missing-name");
            }
            UploadRequests.checkText("name", changes.name(), UploadRequests.NAME_MAX_LENGTH);
            version.name = changes.name().strip();
        }
        if (changes.baseModel() != null) {
            version.baseModel = checkedBaseModel(version, changes.baseModel());
        }
        if (changes.trainedWords() != null) {
            version.trainedWords = new ArrayList<>(
                    UploadRequests.cleaned(changes.trainedWords(), UploadRequests.WORD_MAX_LENGTH, "trainedWords"));
        }
        if (changes.description() != null) {
            UploadRequests.checkText("description", changes.description(), UploadRequests.DESCRIPTION_MAX_LENGTH);
            version.description = changes.description();
        }
        version.model.updatedAt = now();
        return version.model.id;
    }

    /** Deletes a model with its versions and files; returns the SHA-256 of the blobs its files used. */
    @Transactional
    public Deleted delete(long modelId, Caller caller) {
        ModelEntity model = manageable(modelId, caller);
        Set<String> blobs = new TreeSet<>();
        model.versions.forEach(version -> version.files.forEach(file -> blobs.add(file.sha256)));
        String name = model.name;
        session.remove(model);
        return new Deleted(name, List.copyOf(blobs));
    }

    /** Deletes a version that is not the model's only one; returns the SHA-256 of the blobs its files used. */
    @Transactional
    public Deleted deleteVersion(long versionId, Caller caller) {
        ModelVersionEntity version = manageableVersion(versionId, caller);
        ModelEntity model = version.model;
        if (model.versions.size() == 1) {
            throw new ProblemException(409, "last-version", versionId, model.id);
        }
        List<String> blobs = version.files.stream().map(file -> file.sha256).distinct().toList();
        model.versions.remove(version);
        model.updatedAt = now();
        return new Deleted(version.name, blobs);
    }

    /**
     * Checks a new base model as an upload does: CivitAI's spelling, and for a LoRA whose shapes point to another
     * catalogued base model, 422 with the mismatching modules.
     */
    private String checkedBaseModel(ModelVersionEntity version, String requested) {
        if (requested.isBlank()) {
            throw ProblemException.badRequest("invalid-parameter", "baseModel", requested);
        }
        UploadRequests.checkText("baseModel", requested, UploadRequests.BASE_MODEL_MAX_LENGTH);
        String baseModel = BaseModelFit.canonical(requested);
        for (ModelFileEntity file : version.files) {
            if (file.loraLayout == null || !"SafeTensor".equals(file.format)) {
                continue;
            }
            try {
                BaseModelFit.check(baseModel, BlobHeaders.read(blobs, file.sha256, file.sizeBytes), file.name);
            } catch (IOException | SafetensorsException e) {
                throw new IllegalStateException("Stored file " + file.id + " (blob " + file.sha256
                        + ") could not be read for the base model check", e);
            }
        }
        return baseModel;
    }

    private ModelEntity manageable(long modelId, Caller caller) {
        ModelEntity model = session.find(ModelEntity.class, modelId);
        if (model == null) {
            throw ProblemException.notFound("model-not-found", modelId);
        }
        ModelAccess.requireManage(caller, model);
        return model;
    }

    private ModelVersionEntity manageableVersion(long versionId, Caller caller) {
        ModelVersionEntity version = session.find(ModelVersionEntity.class, versionId);
        if (version == null) {
            throw ProblemException.notFound("version-not-found", versionId);
        }
        caller.requireWrite();
        if (!ModelAccess.maySee(caller, version.model)) {
            throw ProblemException.notFound("version-not-found", versionId);
        }
        ModelAccess.requireManage(caller, version.model);
        return version;
    }

    private static boolean orKeep(Boolean change, boolean current) {
        return change == null ? current : change;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The result of a delete: the model or version name, and the blobs its files used. */
    public record Deleted(String name, List<String> blobs) {
    }
}
