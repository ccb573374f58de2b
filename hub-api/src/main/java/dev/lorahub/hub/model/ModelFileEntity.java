package dev.lorahub.hub.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored file of a version: where its bytes are (by SHA-256), its hashes and the LoRA facts read from it. */
@Entity
@Table(name = "model_file")
public class ModelFileEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "version_id")
    public ModelVersionEntity version;

    /** The name the uploader gave the file. */
    public String name;

    /** The name downloads carry: the uploaded name when free, else made unique with the file id. */
    @Column(name = "download_name")
    public String downloadName;

    /** CivitAI file type: {@code Model} for weights, {@code Config} for a PEFT adapter_config.json. */
    @Column(name = "file_type")
    public String fileType;

    /** CivitAI format: {@code SafeTensor} or {@code Other}. */
    public String format;

    /** Precision as CivitAI spells it ({@code fp16}, {@code bf16}, {@code fp32}), null when unknown. */
    public String fp;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "primary_file")
    public boolean primaryFile;

    public String sha256;

    public String autov1;

    public String autov2;

    public String autov3;

    public String crc32;

    public String blake3;

    @Column(name = "lora_layout")
    public String loraLayout;

    @Column(name = "lora_network_type")
    public String loraNetworkType;

    @Column(name = "lora_rank")
    public Integer loraRank;

    /** Distinct ranks, joined with commas. */
    @Column(name = "lora_ranks")
    public String loraRanks;

    @Column(name = "lora_alpha")
    public Double loraAlpha;

    @Column(name = "lora_module_count")
    public Integer loraModuleCount;

    @Column(name = "lora_dtype")
    public String loraDtype;

    /** Targets such as {@code unet,text_encoder}, joined with commas. */
    @Column(name = "lora_targets")
    public String loraTargets;

    /** The file's own {@code __metadata__} as a JSON object, or null. */
    @Column(name = "file_metadata")
    public String fileMetadata;

    /** The validator's verdict, {@code ok} or {@code warning}; null for files it does not check. */
    @Column(name = "validation_verdict")
    public String validationVerdict;

    /** The validator's findings as a JSON array of objects with code, level, location and message. */
    @Column(name = "validation_findings")
    public String validationFindings;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
