package io.claimpilot.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How every port chooses its implementation from configuration: the provider names it knows, each with the code
 * that builds it, and one error for a name it does not know, naming the setting and the choices. Names are read
 * trimmed and case-insensitively. The selectors, each named after its port in the plural, use it:
 * {@code PaymentGateways}, {@code ReshipmentProviders}, {@code StockSources} and {@code Helpdesks}.
 *
 * @param <P> the port
 */
public final class ProviderChoice<P> {

    private final String setting;
    private final Map<String, Supplier<? extends P>> providers = new LinkedHashMap<>();

    private ProviderChoice(String setting) {
        this.setting = setting;
    }

    /** @param setting the configuration key that names the provider, for the error message */
    public static <P> ProviderChoice<P> of(String setting) {
        return new ProviderChoice<>(setting);
    }

    /** A provider this port can use; {@code build} runs only when the provider is chosen. */
    public ProviderChoice<P> or(String name, Supplier<? extends P> build) {
        providers.put(name, build);
        return this;
    }

    /** Builds the named provider; an unknown name stops with the setting to fix and the names it accepts. */
    public P select(String name) {
        Supplier<? extends P> build = providers.get(name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
        if (build == null) {
            throw new IllegalStateException(setting + " is '" + name + "'; it must be " + choices());
        }
        return build.get();
    }

    /**
     * A setting the chosen provider cannot work without. Secrets come only from the environment, so the message names
     * the environment variable too (never the value).
     */
    public static String required(String key, Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(key + " is not set (environment: "
                + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + ")"));
    }

    private String choices() {
        List<String> names = new ArrayList<>(providers.keySet());
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
