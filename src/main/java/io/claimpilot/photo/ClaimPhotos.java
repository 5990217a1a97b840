package io.claimpilot.photo;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The photos of claims: the limits on what comes in, storing a {@link CleanPhoto}, and reading it back. Adding a
 * photo as evidence (and re-evaluating a claim waiting for one) is the flow's job, {@code ClaimIntake.addPhoto}.
 */
@ApplicationScoped
public class ClaimPhotos {

    @Inject
    PhotoSettings settings;
    @Inject
    PhotoStorages storages;
    @Inject
    Clock clock;

    /** A stored photo's bytes and the type they were recognised as. */
    public record Content(String contentType, byte[] bytes, String sha256) {
    }

    /** An uploaded file, refused when too large before a byte of it is read. */
    public byte[] readUpload(String field, Path file) {
        try {
            requireWithinSize(field, Files.size(file));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded photo", e);
        }
    }

    public void requireWithinSize(String field, long size) {
        long max = settings.maxSize().asLongValue();
        if (size > max) {
            String message = "is " + size + " bytes; a photo may be at most " + max + " bytes (" + readable(max) + ")";
            throw ApiProblem.field(413, "Photo too large", field, message);
        }
    }

    /**
     * Stores a photo for a claim. The caller holds the claim's order lock ({@code AdvisoryLocks.lockOrder}), so two
     * uploads cannot both take the last place under the per-claim limit.
     */
    public ClaimPhoto add(String claimId, String field, CleanPhoto photo, String addedBy) {
        int max = settings.maxPerClaim();
        if (ClaimPhoto.countOfClaim(claimId) >= max) {
            String message = "the claim already has " + max + " photos, the most it may have";
            throw ApiProblem.field(409, "Too many photos", field, message);
        }
        ClaimPhoto row = new ClaimPhoto();
        row.id = Ids.newId("ph");
        row.claimId = claimId;
        row.contentType = photo.format().contentType();
        row.sizeBytes = photo.bytes().length;
        row.sha256 = photo.sha256();
        PhotoStorage storage = storages.current();
        row.storage = storage.name();
        row.addedBy = addedBy;
        row.addedAt = clock.instant();
        row.persist();
        storage.save(row, photo.bytes());
        return row;
    }

    /** A photo of the given claim; another claim's photo id is as unknown as a made-up one. */
    public Content content(String claimId, String photoId) {
        ClaimPhoto photo = photoId == null ? null : ClaimPhoto.findById(photoId);
        if (photo == null || !photo.claimId.equals(claimId)) {
            throw ApiProblem.notFound("Photo " + photoId + " of claim " + claimId);
        }
        return new Content(photo.contentType, storages.holding(photo).load(photo), photo.sha256);
    }

    /**
     * Deletes the bytes of photos whose rows the caller is deleting in its transaction (erasure). A storage that
     * cannot delete them throws, so the rows stay and the erasure can be retried.
     */
    public void deleteStoredBytes(List<ClaimPhoto> rows) {
        for (ClaimPhoto row : rows) {
            storages.holding(row).delete(row);
        }
    }

    public List<ClaimPhoto> of(String claimId) {
        return ClaimPhoto.ofClaim(claimId);
    }

    private static String readable(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
