package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.AGENT_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RankingTest {
    private static List<String> ids(KnowledgeBase kb, dev.savoir.kb.ViewerContext v, String q) {
        return Fixtures.ids(kb, v, q);
    }

    private static void twins(KnowledgeBase kb) {
        publish(kb, "one", Locale.ENGLISH, Visibility.PUBLIC, "Printer offline", "The printer shows offline.");
        publish(kb, "two", Locale.ENGLISH, Visibility.PUBLIC, "Printer offline", "The printer shows offline.");
        publish(kb, "secret", Locale.ENGLISH, Visibility.INTERNAL, "Printer internals", "Printer firmware.");
    }

    @Test
    void titleMatch_ranksAboveBodyMatch() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            publish(kb, "body", Locale.ENGLISH, Visibility.PUBLIC, "Device settings",
                    "Some notes about the scanner and other things.");
            publish(kb, "title", Locale.ENGLISH, Visibility.PUBLIC, "Scanner", "Some notes about devices and things.");
            assertThat(ids(kb, CUSTOMER_EN, "scanner")).containsExactly("title", "body");
        }
    }

    @Test
    void rules_pinPromoteAndBlock_blockWins() {
        List<dev.savoir.kb.search.PromotionRule> rules = new CopyOnWriteArrayList<>();
        try (KnowledgeBase kb = Fixtures.builder().inMemory()
                .searchEngine(LuceneSearchEngine.builder().rules(() -> rules).build()).build()) {
            twins(kb);
            publish(kb, "faq", Locale.ENGLISH, Visibility.PUBLIC, "Contact us", "Phone and email.");
            List<String> base = ids(kb, CUSTOMER_EN, "printer offline");
            assertThat(base).containsExactlyInAnyOrder("one", "two");
            String last = base.getLast();
            rules.add(PromotionRule.promote("Printer   OFFLINE!", ArticleId.of(last), 5f));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline").getFirst()).isEqualTo(last);
            rules.add(PromotionRule.pin("printer offline", ArticleId.of("faq")));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).containsExactly("faq", last, base.getFirst());
            rules.add(PromotionRule.pin("printer offline", ArticleId.of("secret")));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).doesNotContain("secret");
            rules.add(PromotionRule.block("printer offline", ArticleId.of("faq")));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).containsExactly(last, base.getFirst());
            rules.add(PromotionRule.block("printer offline", ArticleId.of(last)).forAudience(
                    PromotionRule.Audience.INTERNAL));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).contains(last);
            assertThat(ids(kb, AGENT_EN, "printer offline")).doesNotContain(last).contains("secret");
            rules.clear();
            rules.add(PromotionRule.block("printer offline", ArticleId.of("one"))
                    .during(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2000-02-01T00:00:00Z")));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).contains("one");
        }
    }

    @Test
    void synonyms_changeAtRuntimeWithoutReindex() {
        AtomicReference<Map<String, List<String>>> syn = new AtomicReference<>(Map.of());
        try (KnowledgeBase kb = Fixtures.builder().inMemory().searchEngine(LuceneSearchEngine.builder()
                .synonyms((locale, word) -> syn.get().getOrDefault(word, List.of())).build()).build()) {
            publish(kb, "bill", Locale.ENGLISH, Visibility.PUBLIC, "Your invoice", "Download the invoice.");
            assertThat(ids(kb, CUSTOMER_EN, "bill")).isEmpty();
            syn.set(Map.of("bill", List.of("invoice")));
            assertThat(ids(kb, CUSTOMER_EN, "bill")).containsExactly("bill");
        }
    }

    @Test
    void helpfulness_smoothed_manyGoodVotesBeatOneVote() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            twins(kb);
            Instant now = Instant.now();
            kb.updateSignals(ArticleId.of("one"), new ArticleSignals(1, 0, 0, now));
            kb.updateSignals(ArticleId.of("two"), new ArticleSignals(95, 5, 0, now));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).containsExactly("two", "one");
            kb.updateSignals(ArticleId.of("two"), new ArticleSignals(5, 95, 0, now));
            assertThat(ids(kb, CUSTOMER_EN, "printer offline")).containsExactly("one", "two");
        }
    }

    @Test
    void explain_reportsFieldsSignalsAndRules() {
        try (KnowledgeBase kb = Fixtures.builder().inMemory().searchEngine(LuceneSearchEngine.builder()
                .rules(List.of(PromotionRule.promote("printer", ArticleId.of("one"), 2f))).build()).build()) {
            twins(kb);
            kb.refresh();
            SearchHit h = kb.search(CUSTOMER_EN, SearchRequest.builder("printer").explain(true).build()).hits()
                    .getFirst();
            Explanation e = h.explanation();
            assertThat(e).isNotNull();
            assertThat(h.articleId().value()).isEqualTo("one");
            // customers get no per-field scores (they derive from other documents' statistics); agents do
            assertThat(e.fieldScores()).isEmpty();
            assertThat(e.textScore()).isPositive();
            Explanation agents = kb.search(Fixtures.AGENT_EN, SearchRequest.builder("printer").explain(true).build())
                    .hits().getFirst().explanation();
            assertThat(agents).isNotNull();
            assertThat(agents.fieldScores()).containsKeys("text", "title");
            assertThat(agents.fieldScores().get("text")).isPositive();
            assertThat(e.signals()).containsEntry("promotion", 2.0).containsKeys("helpfulness", "popularity",
                    "freshness");
            assertThat(e.rules()).singleElement().asString().contains("PROMOTE");
            assertThat(e.finalScore()).isEqualTo(h.score(), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.of("printer")).hits().getFirst().explanation()).isNull();
        }
    }
}
