package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static dev.savoir.kb.lucene.Fixtures.AGENT_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.ids;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a user sees: titles that hold every word, colons in pasted text, assist's words, pinned hits in facets. */
class SearchQualityTest {
    private static KnowledgeBase helpCenter() {
        KnowledgeBase kb = Fixtures.inMemory();
        publish(kb, "factory-reset", Locale.ENGLISH, Visibility.PUBLIC, "Factory reset the hub",
                "A factory reset erases the hub. To reset it, hold the reset button for ten seconds; after the reset "
                        + "pair the hub again. Resetting does not change your account password.");
        publish(kb, "reset-password", Locale.ENGLISH, Visibility.PUBLIC, "Reset your password",
                "Open the sign-in page and choose Forgot password. We e-mail you a link.");
        publish(kb, "invoice", Locale.ENGLISH, Visibility.PUBLIC, "Download an invoice",
                "Every invoice is in Billing. Invoice numbers look like 12345.");
        publish(kb, "timeouts", Locale.ENGLISH, Visibility.PUBLIC, "Sync stops",
                "The app shows Error:timeout when the hub cannot reach the server.");
        return kb;
    }

    @Test
    void titleHoldingEveryWord_afterTypoCorrection_ranksAboveBodyMatches() {
        try (KnowledgeBase kb = helpCenter()) {
            assertThat(ids(kb, CUSTOMER_EN, "reset pasword").getFirst()).isEqualTo("reset-password");
            assertThat(ids(kb, CUSTOMER_EN, "reset password").getFirst()).isEqualTo("reset-password");
            // one word: the title clause alone decides, as before
            assertThat(ids(kb, CUSTOMER_EN, "reset").getFirst()).isEqualTo("factory-reset");
        }
    }

    @ParameterizedTest
    @CsvSource({"invoice:12345, invoice 12345", "title:invoice, title invoice", "Error:timeout, error timeout",
            "error：timeout, error timeout"})
    void colon_separatesWords_likeASpace(String pasted, String spaced) {
        try (KnowledgeBase kb = helpCenter()) {
            List<String> expected = ids(kb, CUSTOMER_EN, spaced);
            assertThat(expected).isNotEmpty();
            assertThat(ids(kb, CUSTOMER_EN, pasted)).isEqualTo(expected);
        }
    }

    @Test
    void colonInIndexedText_separatesWords() {
        try (KnowledgeBase kb = helpCenter()) {
            assertThat(ids(kb, CUSTOMER_EN, "timeout")).containsExactly("timeouts");
        }
    }

    @Test
    void assist_ignoresStopWordsPolitenessAndOrderReferences() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            publish(kb, "hub-offline", Locale.ENGLISH, Visibility.INTERNAL, "Hub offline",
                    "We know our hub shows offline when you don't have internet. Your order number and the number of "
                            + "bulbs do not matter: restart the hub.");
            kb.refresh();
            List<AssistHit> hits = kb.suggestForTicket(ADMIN, Locale.ENGLISH, "Hub offline",
                    "Hello, we don't know why our hub is offline. Thanks! Order number LUM-2026-48213.", 5);
            assertThat(hits).isNotEmpty();
            assertThat(hits.getFirst().matchedTerms()).contains("hub", "offline")
                    .doesNotContain("we", "our", "don't", "you", "order", "number", "hello", "thanks");
        }
    }

    @Test
    void assist_asActor_seesWhatAnInternalViewerSees() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            publish(kb, "internal", Locale.ENGLISH, Visibility.INTERNAL, "Router escalation",
                    "Escalate router faults.");
            kb.refresh();
            @SuppressWarnings("deprecation")
            List<AssistHit> asViewer = kb.suggestForTicket(AGENT_EN, "Router fault", "The router faults.", 5);
            List<AssistHit> asAgent = kb.suggestForTicket(ADMIN, Locale.ENGLISH, "Router fault", "The router faults.",
                    5);
            assertThat(asAgent).extracting(h -> h.hit().articleId().value()).containsExactly("internal");
            assertThat(asAgent).isEqualTo(asViewer);
        }
    }

    @Test
    void pinnedHit_countsInFacetsAsInTheTotal() {
        List<PromotionRule> rules = List.of(PromotionRule.pin("printer", ArticleId.of("contact")));
        try (KnowledgeBase kb = Fixtures.builder().inMemory()
                .searchEngine(LuceneSearchEngine.builder().rules(() -> rules).build()).build()) {
            publish(kb, NewArticle.builder("jam").category("Printers").visibility(Visibility.PUBLIC)
                    .locale(Locale.ENGLISH).title("Printer jam").body("Open the printer.").build());
            publish(kb, NewArticle.builder("toner").category("Printers").visibility(Visibility.PUBLIC)
                    .locale(Locale.ENGLISH).title("Printer toner").body("Replace the toner.").build());
            publish(kb, NewArticle.builder("contact").category("Support").visibility(Visibility.PUBLIC)
                    .locale(Locale.ENGLISH).title("Contact us").body("Call or write.").build());
            kb.refresh();
            SearchResponse r = kb.search(CUSTOMER_EN, SearchRequest.builder("printer").facets(Facet.CATEGORY).build());
            assertThat(r.hits()).extracting(h -> h.articleId().value()).startsWith("contact").hasSize(3);
            assertThat(r.totalHits()).isEqualTo(3);
            assertThat(r.facet(Facet.CATEGORY)).containsExactly(new FacetCount("Printers", 2),
                    new FacetCount("Support", 1));
            assertThat(r.facet(Facet.CATEGORY).stream().mapToLong(FacetCount::count).sum()).isEqualTo(r.totalHits());
        }
    }
}
