package io.claimpilot.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Direct reads of the database, for assertions on what was (or was not) stored. */
@ApplicationScoped
public class Db {

    @Inject
    EntityManager em;

    @Transactional
    public long count(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    @Transactional
    public java.util.List<String> strings(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        java.util.List<Object> rows = query.getResultList();
        return rows.stream().map(String::valueOf).toList();
    }

    @Transactional
    public long rowsEverywhere() {
        return count("select (select count(*) from claim) + (select count(*) from evidence) + (select count(*) from decision)"
                + " + (select count(*) from claim_audit) + (select count(*) from outbox) + (select count(*) from review_task)");
    }

    @Transactional
    public void execute(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }
}
