package dev.savoir.kb.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Search (kb-lucene)" example, compiled and run. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExample_runs() {
        Actor editor = Actor.of("alice", Role.ADMIN);
        // --- README: Search (kb-lucene)
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .directory(dir)
                .searchEngine(LuceneSearchEngine.builder()
                        .refreshInterval(Duration.ofMillis(500))
                        .synonyms((locale, word) -> word.equals("bill") ? java.util.List.of("invoice")
                                : java.util.List.of())
                        .build())
                .build()) {
            kb.create(editor, NewArticle.builder("download-invoice")
                    .category("Billing > Invoices")
                    .visibility(Visibility.PUBLIC)
                    .locale(Locale.ENGLISH)
                    .title("Download an invoice")
                    .body("Open **Billing**, then click *Download* next to the invoice.")
                    .build());
            kb.submitForReview(editor, ArticleId.of("download-invoice"), Locale.ENGLISH, 1);
            kb.approve(editor, ArticleId.of("download-invoice"), Locale.ENGLISH, 1);
            kb.publish(editor, ArticleId.of("download-invoice"), Locale.ENGLISH, 1);
            kb.refresh(); // searchable at once (otherwise within the refresh interval)

            ViewerContext customer = ViewerContext.external(Locale.forLanguageTag("en-GB"));
            SearchResponse response = kb.search(customer, SearchRequest.builder("dowload bill")
                    .category("Billing")
                    .facets(Facet.CATEGORY, Facet.TYPE)
                    .limit(10)
                    .build());
            for (SearchHit hit : response.hits()) {
                System.out.println(hit.title() + ": " + hit.snippet());
            }
            System.out.println(response.totalHits() + " hits, categories " + response.facet(Facet.CATEGORY));
            // --- end README
            assertThat(response.hits()).extracting(h -> h.articleId().value()).containsExactly("download-invoice");
            assertThat(response.facet(Facet.CATEGORY)).isNotEmpty();
        }
    }
}
