package dev.lorahub.hub.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** One version of a model: its base model, trigger words and files. */
@Entity
@Table(name = "model_version")
public class ModelVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "model_id")
    public ModelEntity model;

    public String name;

    @Column(name = "base_model")
    public String baseModel;

    @Column(name = "base_model_type")
    public String baseModelType;

    public String description;

    @Column(name = "download_count")
    public long downloadCount;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** Trigger words in the order the uploader gave them (CivitAI's {@code trainedWords}). */
    @ElementCollection
    @CollectionTable(name = "version_trained_word", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    @Column(name = "word")
    public List<String> trainedWords = new ArrayList<>();

    /** Files, the primary (model weights) first. */
    @OneToMany(mappedBy = "version", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("primaryFile desc, id asc")
    public List<ModelFileEntity> files = new ArrayList<>();
}
