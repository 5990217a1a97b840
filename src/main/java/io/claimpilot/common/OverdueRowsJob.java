package io.claimpilot.common;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * The one shape of a scheduled job that moves overdue rows: it takes a batch at a time, each batch in its own
 * transaction with {@code FOR UPDATE SKIP LOCKED}, until a batch comes back short. Replicas running the same job side
 * by side therefore never move the same row twice. A subclass says how to move one batch, and carries the
 * {@code @Scheduled} method (Quarkus schedules only methods declared on the bean class itself).
 */
public abstract class OverdueRowsJob {

    protected static final int BATCH = 100;

    @Inject
    protected EntityManager em;

    /** Moves up to {@code batchSize} overdue rows in one transaction; returns how many it moved. */
    protected abstract int moveBatch(int batchSize);

    /** What the log says after a run that moved rows, with the count in place of {@code %d}. */
    protected abstract String movedMessage();

    /**
     * The ids of up to {@code batchSize} overdue rows, locked until the caller's transaction ends. Rows another replica
     * holds are skipped, not waited for.
     *
     * @param where a condition on the table's columns, with named parameters given in {@code parameters}
     */
    @SuppressWarnings("unchecked")
    protected List<String> lockOverdue(String table, String id, String where, String orderBy, Map<String, Object> parameters,
                                       int batchSize) {
        var query = em.createNativeQuery("select " + id + " from " + table + " where " + where + " order by " + orderBy
                + " limit :batch for update skip locked").setParameter("batch", batchSize);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    /** Moves every overdue row, a batch per transaction; returns how many. */
    public int run() {
        int total = 0;
        int moved;
        do {
            moved = moveBatch(BATCH);
            total += moved;
        } while (moved == BATCH);
        if (total > 0) {
            Logger.getLogger(getClass()).infof(movedMessage(), total);
        }
        return total;
    }
}
