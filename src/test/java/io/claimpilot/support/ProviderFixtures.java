package io.claimpilot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The providers' own published payloads, kept under {@code src/test/resources/providers/<provider>/}. Each fixture
 * {@code name.json} has a sibling {@code name.json.SOURCE} naming where it was taken from and which fields were
 * changed (ids only), so a reader can tell a provider's sample from one of ours.
 */
public final class ProviderFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A field no provider sends: added by {@link #withUnknownFieldAtEachLevel} to prove parsers ignore extras. */
    public static final String UNKNOWN_FIELD = "claimpilot_test_field_the_provider_added_later";

    private ProviderFixtures() {
    }

    /** The fixture's bytes exactly as stored, for signing: a provider signs the bytes it sends. */
    public static byte[] bytes(String provider, String name) {
        String path = "/providers/" + provider + "/" + name;
        try (InputStream in = ProviderFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + path);
            }
            if (ProviderFixtures.class.getResource(path + ".SOURCE") == null) {
                throw new IllegalStateException("Fixture " + path + " has no SOURCE note next to it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String provider, String name) {
        return new String(bytes(provider, name), StandardCharsets.UTF_8);
    }

    public static JsonNode json(String provider, String name) {
        try {
            return JSON.readTree(bytes(provider, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One variant of {@code document} per object in it (the root, every nested object, every object in an array),
     * each with {@link #UNKNOWN_FIELD} added to that one object. The value is itself an object, so a parser that
     * walks every field meets a shape it has never seen.
     */
    public static List<String> withUnknownFieldAtEachLevel(JsonNode document) {
        List<String> variants = new ArrayList<>();
        int objects = countObjects(document);
        for (int target = 0; target < objects; target++) {
            JsonNode copy = document.deepCopy();
            addAt(copy, new int[] {target});
            variants.add(copy.toString());
        }
        return variants;
    }

    private static int countObjects(JsonNode node) {
        int count = node.isObject() ? 1 : 0;
        for (JsonNode child : node) {
            count += countObjects(child);
        }
        return count;
    }

    /** Adds the field to the object numbered {@code remaining[0]} in depth-first order; true once added. */
    private static boolean addAt(JsonNode node, int[] remaining) {
        if (node.isObject()) {
            if (remaining[0]-- == 0) {
                ObjectNode unknown = ((ObjectNode) node).putObject(UNKNOWN_FIELD);
                unknown.put("note", "added by the provider without notice");
                unknown.putArray("values").add(1).add("two");
                return true;
            }
        }
        if (node.isObject() || node instanceof ArrayNode) {
            for (JsonNode child : node) {
                if (addAt(child, remaining)) {
                    return true;
                }
            }
        }
        return false;
    }
}
