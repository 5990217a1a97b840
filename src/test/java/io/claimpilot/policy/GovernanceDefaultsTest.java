package io.claimpilot.policy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance defaults of application.properties, per profile, read as Quarkus reads them but without starting it:
 * a production start must not watch the rules folder nor let one analyst activate their own upload.
 */
class GovernanceDefaultsTest {

    private static final String WATCH = "claimpilot.policy.watch-folder";
    private static final String SECOND_PERSON = "claimpilot.policy.activation.second-person";

    private static SmallRyeConfig config(String profile, Map<String, String> overrides) throws IOException {
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(GovernanceDefaultsTest.class.getClassLoader()
                        .getResource("application.properties"), 100))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
                .build();
    }

    private static boolean flag(String profile, String name, Map<String, String> overrides) throws IOException {
        return config(profile, overrides).getValue(name, Boolean.class);
    }

    @Test
    void theRulesFolderIsWatchedOnlyInTheDemoAndDevProfiles() throws IOException {
        assertThat(flag("prod", WATCH, Map.of())).isFalse();
        assertThat(flag("demo", WATCH, Map.of())).isTrue();
        assertThat(flag("dev", WATCH, Map.of())).isTrue();
    }

    @Test
    void theFormerWatchKeyStillDecidesWhenSet() throws IOException {
        // Scripts and the benchmarks start the demo with -Dclaimpilot.rules.watch=false.
        assertThat(flag("demo", WATCH, Map.of("claimpilot.rules.watch", "false"))).isFalse();
        assertThat(flag("prod", WATCH, Map.of("claimpilot.rules.watch", "true"))).isTrue();
    }

    @Test
    void twoPersonActivationIsOnEverywhereButTheDemo() throws IOException {
        assertThat(flag("prod", SECOND_PERSON, Map.of())).isTrue();
        assertThat(flag("dev", SECOND_PERSON, Map.of())).isTrue();
        assertThat(flag("test", SECOND_PERSON, Map.of())).isTrue();
        assertThat(flag("demo", SECOND_PERSON, Map.of())).isFalse();
    }
}
