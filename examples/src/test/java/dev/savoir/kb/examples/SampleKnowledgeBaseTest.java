package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.reports.OutdatedTranslation;
import dev.savoir.kb.reports.StaleArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled sample imports, and the demo's searches, agent assist and report give what the README says. */
class SampleKnowledgeBaseTest {
    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static Path dir;
    static KnowledgeBase kb;

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("savoir-sample");
        kb = SampleKnowledgeBase.open(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() throws Exception {
        kb.close();
        TempFolder.deleteTree(dir);
    }

    static String first(String lang, String query) {
        List<SearchHit> hits = kb.search(ViewerContext.external(Locale.forLanguageTag(lang)), SearchRequest.of(query))
                .hits();
        assertThat(hits).as("hits for %s", query).isNotEmpty();
        return hits.getFirst().articleId().value();
    }

    @Test
    void sample_importsWithItsStates() {
        assertThat(kb.size()).isGreaterThanOrEqualTo(40);
        assertThat(kb.read(ViewerContext.external(Locale.ENGLISH), ArticleId.of("reset-password"))).isPresent();
        assertThat(kb.read(ViewerContext.external(Locale.ENGLISH), ArticleId.of("verify-caller-identity")))
                .isEmpty();
        assertThat(kb.read(ViewerContext.internal(Locale.ENGLISH), ArticleId.of("verify-caller-identity")))
                .isPresent();
        assertThat(kb.read(ViewerContext.internal(Locale.ENGLISH), ArticleId.of("student-discount"))).isEmpty();
    }

    @Test
    void demoSearches_findTheExpectedArticlesFirst() {
        assertThat(first("en", "reset password")).isEqualTo("reset-password");
        assertThat(first("fr", "reinitialiser mot de passe")).isEqualTo("reset-password");
        assertThat(first("en", "hub ofline")).isEqualTo("hub-offline");
        assertThat(first("fr", "résilier mon abonnement")).isEqualTo("cancel-subscription");
        assertThat(first("en", "invoice VAT number")).isEqualTo("invoice-company-details");
    }

    @Test
    void quickStartSearch_withATypo_findsThePasswordArticleAboveTheFactoryReset() {
        // the title holds both words once the typo is corrected; "Factory reset the hub" only says "reset" often
        List<String> ids = kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.of("reset pasword"))
                .hits().stream().map(h -> h.articleId().value()).toList();
        assertThat(ids.getFirst()).isEqualTo("reset-password");
        assertThat(ids).contains("factory-reset-hub");
        assertThat(ids.indexOf("reset-password")).isLessThan(ids.indexOf("factory-reset-hub"));
    }

    @Test
    void pastedTextWithColons_findsWhatTheSpacedTextFinds() {
        for (String[] q : new String[][] {{"invoice:12345", "invoice 12345"}, {"title:invoice", "title invoice"},
                {"Error:timeout", "Error timeout"}}) {
            ViewerContext customer = ViewerContext.external(Locale.ENGLISH);
            List<String> spaced = kb.search(customer, SearchRequest.of(q[1])).hits().stream()
                    .map(h -> h.articleId().value()).toList();
            assertThat(kb.search(customer, SearchRequest.of(q[0])).hits()).as(q[0])
                    .extracting(h -> h.articleId().value()).isEqualTo(spaced);
        }
        assertThat(first("en", "invoice:12345")).isEqualTo("download-invoice");
    }

    @Test
    void agentAssist_onTheDemoTicket_matchesNoStopWordsGreetingsOrOrderReference() {
        assertThat(AgentAssist.suggest(kb)).flatExtracting(AssistHit::matchedTerms)
                .isNotEmpty()
                .doesNotContain("we", "our", "you", "don't", "order", "number", "hello", "thanks", "for", "the");
    }

    @Test
    void agentAssist_suggestsTheHubArticleForTheNoisyTicket() {
        List<AssistHit> hits = AgentAssist.suggest(kb);
        assertThat(hits).isNotEmpty();
        assertThat(hits.stream().limit(3).map(h -> h.hit().articleId().value())).contains("hub-offline");
        assertThat(hits.getFirst().matchedTerms()).isNotEmpty();
        assertThat(hits).flatExtracting(AssistHit::matchedTerms)
                .noneMatch(t -> t.contains("48213") || t.equalsIgnoreCase("regards"));
    }

    @Test
    void report_showsGapsStaleArticlesAndOutdatedTranslations() {
        KnowledgeManagerReport.simulateDay(kb);
        List<QueryStats> gaps = kb.analytics().knowledgeGaps(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)), 20);
        assertThat(gaps).extracting(QueryStats::query).contains("gift card", "change delivery address");
        assertThat(gaps).extracting(QueryStats::query).doesNotContain("reset password");
        assertThat(kb.staleArticles(Duration.ofDays(3650))).extracting(StaleArticle::articleId)
                .contains(ArticleId.of("delivery-times-and-costs"));
        assertThat(kb.outdatedTranslations()).extracting(OutdatedTranslation::articleId, OutdatedTranslation::locale)
                .contains(org.assertj.core.groups.Tuple.tuple(ArticleId.of("refund-policy"), Locale.FRENCH));
    }
}
