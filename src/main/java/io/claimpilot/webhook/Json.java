package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;

/** Reading provider payloads: lenient about missing fields, strict about broken JSON. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private Json() {
    }

    /** The parsed body; a body that is not a JSON object can never be processed. */
    static JsonNode read(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebhookRejected("The body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookRejected("The body is not valid JSON", e);
        }
    }

    /** A field's text, or null when missing, null or blank. Numbers are returned as their digits. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank() ? null : value.asText();
    }

    /** A decimal field (Shopify sends money as strings), or null. */
    static BigDecimal decimal(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new WebhookRejected(field + " is not a decimal number");
        }
    }
}
