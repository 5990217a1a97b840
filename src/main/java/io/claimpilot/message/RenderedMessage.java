package io.claimpilot.message;

/** A message written for one customer: the language of the template used, its subject line and its body. */
public record RenderedMessage(String language, String subject, String body) {
}
