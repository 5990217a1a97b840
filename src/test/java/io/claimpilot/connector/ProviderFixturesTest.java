package io.claimpilot.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.support.ProviderFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addsTheUnknownFieldToEachObjectOnceIncludingObjectsInArrays() throws Exception {
        JsonNode document = JSON.readTree("{\"a\":{\"b\":1},\"items\":[{\"c\":2},3,{\"d\":{\"e\":4}}]}");

        List<String> variants = ProviderFixtures.withUnknownFieldAtEachLevel(document);

        assertThat(variants).hasSize(5);
        assertThat(JSON.readTree(variants.get(0)).has(ProviderFixtures.UNKNOWN_FIELD)).isTrue();
        assertThat(JSON.readTree(variants.get(1)).get("a").has(ProviderFixtures.UNKNOWN_FIELD)).isTrue();
        assertThat(JSON.readTree(variants.get(2)).get("items").get(0).has(ProviderFixtures.UNKNOWN_FIELD)).isTrue();
        assertThat(JSON.readTree(variants.get(3)).get("items").get(2).has(ProviderFixtures.UNKNOWN_FIELD)).isTrue();
        assertThat(JSON.readTree(variants.get(4)).get("items").get(2).get("d").has(ProviderFixtures.UNKNOWN_FIELD)).isTrue();
        for (String variant : variants) {
            assertThat(variant.split(ProviderFixtures.UNKNOWN_FIELD, -1)).hasSize(2);
        }
        assertThat(document.toString()).doesNotContain(ProviderFixtures.UNKNOWN_FIELD);
    }
}
