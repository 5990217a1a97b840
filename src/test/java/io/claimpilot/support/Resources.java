package io.claimpilot.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a packaged-jar test started (databases, fakes, services), closed in the reverse order, so a service stops
 * before the database under it. Register it with {@code @RegisterExtension}: {@code new Resources()} on an instance
 * field closes them after each test; {@link #perClass()} on a static field closes them after the class's last test,
 * for tests that share services started once in {@code @BeforeAll}.
 */
public final class Resources implements AfterEachCallback, AfterAllCallback {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final boolean perClass;

    public Resources() {
        this(false);
    }

    private Resources(boolean perClass) {
        this.perClass = perClass;
    }

    public static Resources perClass() {
        return new Resources(true);
    }

    public <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            closeAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeAll();
    }

    private void closeAll() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
