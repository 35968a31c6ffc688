package dev.savoir.kb.opensearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The snippet of a hit without a highlighted fragment never shows a word cut in two (the leak kit reads words). */
class SnippetCutTest {
    @Test
    void theLeadingTextIsCutBeforeTheWordThatCrossesTheLimit() {
        assertThat(Searches.wordsWithin("refund billing zqbdmxyz account", 20)).isEqualTo("refund billing");
        assertThat(Searches.wordsWithin("refund billing zqbdmxyz account", 23)).isEqualTo("refund billing zqbdmxyz");
        assertThat(Searches.wordsWithin("short text", 200)).isEqualTo("short text");
        assertThat(Searches.wordsWithin("averyveryverylongword", 5)).isEqualTo("avery");
    }
}
