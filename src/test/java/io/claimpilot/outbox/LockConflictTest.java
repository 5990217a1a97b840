package io.claimpilot.outbox;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of recording an outcome the dispatcher tries again at once. */
class LockConflictTest {

    @Test
    void aDeadlockAndASerialisationFailureAreConflictsWhereverTheyAreWrapped() {
        SQLException deadlock = new SQLException("ERROR: deadlock detected", "40P01");
        assertThat(Dispatcher.lockConflict(new IllegalStateException("wrapped", new RuntimeException(deadlock)))).isTrue();
        assertThat(Dispatcher.lockConflict(new RuntimeException(new SQLException("could not serialize", "40001")))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(Dispatcher.lockConflict(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Dispatcher.lockConflict(new RuntimeException(new SQLException("connection refused", "08001")))).isFalse();
        assertThat(Dispatcher.lockConflict(new IllegalArgumentException("no SQL at all"))).isFalse();
    }
}
