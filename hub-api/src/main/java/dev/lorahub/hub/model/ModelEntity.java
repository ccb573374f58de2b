package dev.lorahub.hub.model;

import dev.lorahub.hub.account.UserEntity;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
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

/** A model as CivitAI lists it: a named, typed collection of versions. */
@Entity
@Table(name = "model")
public class ModelEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "model_type")
    public String type;

    public String description;

    public boolean nsfw;

    public boolean poi;

    @Column(name = "allow_no_credit")
    public boolean allowNoCredit;

    /** CivitAI's commercial-use permissions, joined with commas (for example {@code Image,RentCivit,Rent,Sell}). */
    @Column(name = "allow_commercial_use")
    public String allowCommercialUse;

    @Column(name = "allow_derivatives")
    public boolean allowDerivatives;

    @Column(name = "allow_different_license")
    public boolean allowDifferentLicense;

    /** The uploader; null only for models from before accounts, which the first start gives to the admin. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    public UserEntity owner;

    /** {@code public}, {@code unlisted} or {@code private}. */
    public String visibility = Visibility.PUBLIC.apiName();

    @Column(name = "download_count")
    public long downloadCount;

    @Column(name = "thumbs_up_count")
    public long thumbsUpCount;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @ElementCollection
    @CollectionTable(name = "model_tag", joinColumns = @JoinColumn(name = "model_id"))
    @OrderColumn(name = "position")
    @Column(name = "tag")
    public List<String> tags = new ArrayList<>();

    /** Versions, newest first, the order CivitAI clients expect. */
    @OneToMany(mappedBy = "model", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id desc")
    public List<ModelVersionEntity> versions = new ArrayList<>();
}
