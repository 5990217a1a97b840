package io.claimpilot.common;

import org.jboss.logging.Logger;

/**
 * The one shape of a scheduled job that moves overdue rows: it takes a batch at a time, each batch in its own
 * transaction with {@code FOR UPDATE SKIP LOCKED}, until a batch comes back short. Replicas running the same job side
 * by side therefore never move the same row twice. A subclass says how to move one batch, and carries the
 * {@code @Scheduled} method (Quarkus schedules only methods declared on the bean class itself).
 */
public abstract class OverdueRowsJob {

    protected static final int BATCH = 100;

    /** Moves up to {@code batchSize} overdue rows in one transaction; returns how many it moved. */
    protected abstract int moveBatch(int batchSize);

    /** What the log says after a run that moved rows, with the count in place of {@code %d}. */
    protected abstract String movedMessage();

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
