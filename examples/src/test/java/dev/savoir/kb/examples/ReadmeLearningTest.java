package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.Learning;
import dev.savoir.kb.learning.VocabularyCandidate;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.reports.KpiReport;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "Self-learning search and the KPI report" example, compiled and run. */
class ReadmeLearningTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void learnedSynonym_approved_findsTheArticle_andTheKpisReportIt() {
        Actor manager = Actor.of("kim@example.com", Role.PUBLISHER);
        ViewerContext customer = ViewerContext.external(Locale.ENGLISH);
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false)
                .searchEngine(LuceneSearchEngine.factory()).build()) {
            kb.create(manager, NewArticle.builder("invoice-pdf").category("Account > Payments").visibility(Visibility.PUBLIC)
                    .title("Download your invoice").body("Open Payments and pick the month.").build());
            kb.publish(manager, dev.savoir.kb.ArticleId.of("invoice-pdf"), Locale.ENGLISH, 1);
            kb.refresh();
            for (int i = 0; i < 3; i++) {   // three customers: "bill" finds nothing, "invoice" does
                kb.search(customer, SearchRequest.of("bill"), "session-" + i);
                SearchResponse r = kb.search(customer, SearchRequest.of("invoice"), "session-" + i);
                kb.analytics().recordClick("session-" + i, customer, "invoice", r.hits().getFirst().articleId(), 1);
            }
            Instant to = Instant.now().plusSeconds(1);
            Instant from = to.minus(Duration.ofDays(30));
            List<String> printed = new java.util.ArrayList<>();
            // tag::learning[]
            Learning learning = kb.learning();                     // for knowledge managers only
            for (VocabularyCandidate c : learning.candidates(manager, from, to, 20)) {   // best first
                printed.add(c.pair() + ": " + c.sessions() + " sessions, e.g. " + c.examples().getFirst().steps());
            }
            learning.approve(manager, LearnedPair.synonym(Locale.ENGLISH, "bill", "invoice"));
            learning.approveEdited(manager, LearnedPair.correction(Locale.ENGLISH, "invoce", "invoic"),
                    LearnedPair.correction(Locale.ENGLISH, "invoce", "invoice"));   // fixed, then approved
            learning.reject(manager, LearnedPair.synonym(Locale.ENGLISH, "reset password", "contact support"));
            SearchResponse bill = kb.search(customer, SearchRequest.of("bill"));   // finds the invoice now

            KpiReport kpis = learning.kpis(manager, from, to);
            double deflection = kpis.deflection().rate();          // searched, clicked, opened no ticket
            double noClick = kpis.searches().withoutClickRate();   // searches nobody clicked a result of
            int closed = kpis.gaps().closed();                     // of kpis.gaps().opened(), answered now
            List<KpiReport.OwnerReviews> overdue = kpis.overdueReviews();   // past their review date, per owner
            String json = kpis.toJson();                           // for a dashboard
            // end::learning[]
            assertThat(printed).hasSize(1).allMatch(p -> p.startsWith("synonym en: \"bill\" -> \"invoice\": 3"));
            assertThat(bill.hits()).extracting(h -> h.articleId().value()).containsExactly("invoice-pdf");
            assertThat(learning.decisions(manager)).hasSize(3);
            assertThat(deflection).isEqualTo(1.0);
            assertThat(noClick).isEqualTo(4.0 / 7);   // "bill" 4 times (once after approval), "invoice" 3 times clicked
            assertThat(closed).isEqualTo(1);
            assertThat(overdue).isEmpty();
            assertThat(json).contains("\"deflection\"");
        }
    }

    @Test
    void theReadmeShowsThisCode() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String source = Files.readString(ROOT.resolve(
                "examples/src/test/java/dev/savoir/kb/examples/ReadmeLearningTest.java"));
        assertThat(between(readme, "<!-- learning:start -->\n```java", "```\n<!-- learning:end -->"))
                .isEqualTo(between(source, "// tag::learning[]", "// end::learning[]"));
    }

    private static String between(String text, String start, String end) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "\\R(.*?)\\R\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("markers %s ... %s", start, end).isTrue();
        return m.group(1).stripIndent().strip();
    }
}
