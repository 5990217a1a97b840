package io.claimpilot.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainMessagesTest {

    @Test
    void droolsMessagesBecomeAnalystWords() {
        assertThat(PlainMessages.of("[ERR 102] Line 10:14 mismatched input '==' in rule \"Cancelled: refund\""))
                .isEqualTo("Syntax error in rule 'Cancelled: refund', column 14: mismatched input '=='");
        assertThat(PlainMessages.of("Unable to Analyse Expression reason == WRONG_ITEM:\n[Error: unable to resolve method using "
                + "strict-mode: io.claimpilot.facts.ClaimFacts.WRONG_ITEM()]\n[Near : {... reason == WRONG_ITEM ....}]"))
                .isEqualTo("'WRONG_ITEM' is not a fact of a claim; check the spelling, or put text values in quotes");
        assertThat(PlainMessages.of("Unable to resolve ObjectType 'Claim'"))
                .isEqualTo("'Claim' is not a known fact type; conditions are written on ClaimFacts");
        assertThat(PlainMessages.of("Something new\n  at some.Class.method(Class.java:10)")).isEqualTo("Something new");
    }
}
