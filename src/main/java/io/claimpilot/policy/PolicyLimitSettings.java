package io.claimpilot.policy;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The configured {@link PolicyLimits} ({@code claimpilot.policy.limits.*}); the defaults are the documented ones. */
@ConfigMapping(prefix = "claimpilot.policy.limits")
public interface PolicyLimitSettings {

    @WithDefault("20")
    int maxFiles();

    @WithDefault("5M")
    MemorySize maxFileSize();

    @WithDefault("10M")
    MemorySize maxTotalSize();

    @WithDefault("5000")
    int maxRows();

    @WithDefault("100")
    int maxColumns();

    /** POI refuses a workbook entry that inflates to more than 1 / ratio times its compressed size. */
    @WithDefault("0.01")
    double minInflateRatio();

    @WithDefault("50M")
    MemorySize maxEntrySize();

    default PolicyLimits limits() {
        return new PolicyLimits(maxFiles(), maxFileSize().asLongValue(), maxTotalSize().asLongValue(), maxRows(), maxColumns(),
                minInflateRatio(), maxEntrySize().asLongValue());
    }

    /** Applies the settings before the rules folder is read (priority 10), so the starting policy meets them too. */
    @ApplicationScoped
    class AtStart {
        void apply(@Observes @Priority(5) StartupEvent event, PolicyLimitSettings settings) {
            PolicyLimits.use(settings.limits());
        }
    }
}
