package io.claimpilot.photo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Photos in the {@code claim_photo.bytes} column: stored in the same transaction as the evidence that counts them. */
@ApplicationScoped
public class DatabasePhotoStorage implements PhotoStorage {

    @Inject
    EntityManager em;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void save(ClaimPhoto photo, byte[] bytes) {
        em.flush(); // the row first: the bytes go into it
        int updated = em.createNativeQuery("update claim_photo set bytes = ?1 where id = ?2")
                .setParameter(1, bytes).setParameter(2, photo.id).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("No claim_photo row " + photo.id + " to store the bytes in");
        }
    }

    @Override
    public byte[] load(ClaimPhoto photo) {
        return (byte[]) em.createNativeQuery("select bytes from claim_photo where id = ?1")
                .setParameter(1, photo.id).getSingleResult();
    }

    @Override
    public void delete(ClaimPhoto photo) {
        // The bytes are in the row, which the caller deletes.
    }
}
