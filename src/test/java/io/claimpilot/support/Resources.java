package io.claimpilot.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a packaged-jar test started (databases, fakes, services), closed after each test in the reverse order, so a
 * service stops before the database under it. Register it with {@code @RegisterExtension}.
 */
public final class Resources implements AfterEachCallback {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}
