package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static dev.savoir.kb.lucene.Fixtures.AGENT_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_FR;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Content a customer may not read (internal articles, drafts, other segments' articles) changes nothing in what the
 * customer gets: not the typo corrections, not the spelling suggestions, not the statistics behind the scores, not
 * related articles or agent assist; and explanations for customers carry no per-field score.
 */
class HiddenContentTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-10T08:00:00Z"), ZoneOffset.UTC);

    private static KnowledgeBase open() {
        return Fixtures.builder().inMemory().clock(CLOCK).searchEngine(LuceneSearchEngine.factory()).build();
    }

    private static SearchResponse search(KnowledgeBase kb, String query) {
        kb.refresh();
        return kb.search(CUSTOMER_EN, SearchRequest.of(query));
    }

    /** The kinds of content a customer without segments may not read, each holding {@code text}. */
    private static List<Consumer<KnowledgeBase>> hidden(String id, String text) {
        return List.of(
                kb -> publish(kb, id, Locale.ENGLISH, Visibility.INTERNAL, "Notes " + id, text),
                kb -> publish(kb, id, Locale.ENGLISH, Visibility.segments("silver"), "Notes " + id, text),
                kb -> kb.create(ADMIN, NewArticle.builder(id).category("Help").visibility(Visibility.PUBLIC)
                        .title("Notes " + id).body(text).build()));
    }

    @Test
    void typoExpansionAndDidYouMean_ignoreWordsOnlyHiddenContentHolds() {
        for (int kind = 0; kind < 3; kind++) {
            try (KnowledgeBase plain = open(); KnowledgeBase twin = open()) {
                for (KnowledgeBase kb : List.of(plain, twin)) {
                    publish(kb, "pub", Locale.ENGLISH, Visibility.PUBLIC, "Gate codes", "The agututuv code opens it.");
                }
                hidden("hid", "The agutituv override code.").get(kind).accept(twin);
                SearchResponse a = search(plain, "agutituv");
                SearchResponse b = search(twin, "agutituv");
                assertThat(a.hits()).extracting(h -> h.articleId().value()).containsExactly("pub");
                assertThat(a.didYouMean()).isEqualTo("agututuv");
                assertThat(b.hits()).as("hidden content of kind %d", kind).isEqualTo(a.hits());
                assertThat(b.didYouMean()).as("hidden content of kind %d", kind).isEqualTo("agututuv");
            }
        }
    }

    @Test
    void scores_ignoreTheTermStatisticsOfHiddenContent() {
        for (int kind = 0; kind < 3; kind++) {
            try (KnowledgeBase withP = open(); KnowledgeBase withQ = open(); KnowledgeBase none = open()) {
                for (KnowledgeBase kb : List.of(withP, withQ, none)) {
                    publish(kb, "p", Locale.ENGLISH, Visibility.PUBLIC, "Pelican guide",
                            "pelican pelican pelican harbor boats and more harbor boats");
                    publish(kb, "q", Locale.ENGLISH, Visibility.PUBLIC, "Quokka guide",
                            "quokka quokka harbor boats for the island");
                }
                for (int i = 0; i < 6; i++) {
                    hidden("hp" + i, "pelican notes " + i).get(kind).accept(withP);
                    hidden("hq" + i, "quokka notes " + i).get(kind).accept(withQ);
                }
                List<SearchHit> expected = search(none, "pelican quokka").hits();
                assertThat(expected).hasSize(2);
                assertThat(search(withP, "pelican quokka").hits()).as("kind %d", kind).isEqualTo(expected);
                assertThat(search(withQ, "pelican quokka").hits()).as("kind %d", kind).isEqualTo(expected);
                // related articles and agent assist weigh words the same way
                for (KnowledgeBase kb : List.of(withP, withQ)) {
                    assertThat(kb.related(CUSTOMER_EN, ArticleId.of("p"), 10))
                            .isEqualTo(none.related(CUSTOMER_EN, ArticleId.of("p"), 10));
                    assertThat(kb.suggestForTicket(CUSTOMER_EN, "pelican quokka", "harbor boats pelican", 10))
                            .isEqualTo(none.suggestForTicket(CUSTOMER_EN, "pelican quokka", "harbor boats pelican",
                                    10));
                }
            }
        }
    }

    @Test
    void explanation_forCustomers_carriesNoPerFieldScores() {
        try (KnowledgeBase kb = open()) {
            publish(kb, "p", Locale.ENGLISH, Visibility.PUBLIC, "Router reset", "Reset the routr to its defaults.");
            publish(kb, "i", Locale.ENGLISH, Visibility.INTERNAL, "Router notes", "Router override.");
            kb.refresh();
            SearchRequest r = SearchRequest.builder("router reset").explain(true).build();
            SearchHit customer = kb.search(CUSTOMER_EN, r).hits().getFirst();
            SearchHit agent = kb.search(AGENT_EN, r).hits().stream()
                    .filter(h -> h.articleId().value().equals("p")).findFirst().orElseThrow();
            assertThat(customer.explanation()).isNotNull();
            assertThat(customer.explanation().fieldScores()).isEmpty();
            assertThat(customer.explanation().textScore()).isPositive();
            assertThat(customer.explanation().finalScore()).isEqualTo(customer.score());
            assertThat(agent.explanation()).isNotNull();
            assertThat(agent.explanation().fieldScores()).containsKeys("text", "title");
        }
    }

    @Test
    void didYouMean_neverOffersTheSameFrenchWordForACorrectOne() {
        try (KnowledgeBase kb = open()) {
            publish(kb, "a", Locale.FRENCH, Visibility.PUBLIC, "Vos factures", "Télécharger une facture en ligne.");
            publish(kb, "b", Locale.FRENCH, Visibility.PUBLIC, "Paiement", "Payer une facture par carte.");
            kb.refresh();
            for (String q : List.of("factures", "payer factures")) {
                SearchResponse correct = kb.search(CUSTOMER_FR, SearchRequest.of(q));
                assertThat(correct.hits()).as(q).hasSize(2);
                assertThat(correct.didYouMean()).as(q).isNull();
            }
            // a real misspelling is still corrected
            SearchResponse typo = kb.search(CUSTOMER_FR, SearchRequest.of("factyre"));
            assertThat(typo.didYouMean()).isEqualTo("facture");
        }
    }
}
