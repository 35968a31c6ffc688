package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk import into a knowledge base whose stores are on PostgreSQL and whose Lucene index is local: the import
 * rate with indexing (the goal is at least 2,000 articles/s on 2 cores), logged, and every article searchable.
 */
class BulkImportIT {
    private static final Logger LOG = LoggerFactory.getLogger(BulkImportIT.class);
    private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");
    private static final String[] WORDS = {"invoice", "password", "refund", "export", "billing", "account",
        "mailbox", "calendar", "report", "printer", "license", "upgrade", "contract", "ticket", "sync", "backup"};

    @TempDir
    Path index;

    @Test
    void import_ofThousandsOfArticles_withIndexing_isFast_andAllSearchable() {
        int n = 6_000;
        int batch = 1_000;
        Actor importer = Actor.of("importer", Role.ADMIN, Role.PUBLISHER, Role.AUTHOR);
        try (HikariDataSource ds = TestPostgres.get().dataSource(8);
             PostgresStores stores = PostgresStores.builder().dataSource(ds).schema(TestPostgres.newSchema())
                     .open();
             KnowledgeBase kb = stores.configure(KnowledgeBase.builder()).directory(index)
                     .searchEngine(LuceneSearchEngine.factory()).requireReview(false).build()) {
            kb.importArchives(importer, archives(0, 200), true);
            long t0 = System.nanoTime();
            for (int start = 200; start < n; start += batch) {
                kb.importArchives(importer, archives(start, Math.min(n, start + batch)), true);
            }
            kb.refresh();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rate = Math.round((n - 200) / seconds);
            LOG.info("Bulk import on PostgreSQL with Lucene indexing: {} articles in {} s = {} articles/s ({} "
                    + "processors)", n - 200, String.format("%.2f", seconds), rate,
                    Runtime.getRuntime().availableProcessors());
            assertThat(stores.articleStore().size()).isEqualTo(n);
            assertThat(kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.builder("article 4321")
                    .limit(5).build()).hits()).extracting(h -> h.articleId().value()).contains("imp-4321");
            assertThat(rate).as("articles/s (a floor far below the goal, so that a loaded machine does not fail)")
                    .isGreaterThan(150);
        }
    }

    private static List<ArticleArchive> archives(int from, int to) {
        List<ArticleArchive> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(archive(i));
        }
        return out;
    }

    private static ArticleArchive archive(int i) {
        ArticleId id = ArticleId.of("imp-" + i);
        String a = WORDS[i % WORDS.length];
        String b = WORDS[(i / WORDS.length) % WORDS.length];
        StringBuilder body = new StringBuilder("# How to " + a + " the " + b + "\n\n");
        for (int p = 0; p < 4; p++) {
            body.append("To ").append(a).append(" your ").append(b).append(", open the ").append(WORDS[(i + p) % 16])
                    .append(" settings and follow the steps of article ").append(i).append(". ")
                    .append("If the ").append(WORDS[(i * 7 + p) % 16]).append(" is missing, contact support.\n\n");
        }
        ArticleContent content = new ArticleContent("Article " + i + ": " + a + " the " + b,
                "How to " + a + " the " + b, body.toString(), List.of());
        Instant at = T0.plusSeconds(i);
        Revision r = new Revision(id, Locale.ENGLISH, 1, content, "importer", at, "", content.hash(), null);
        Translation t = new Translation(Locale.ENGLISH, TranslationState.PUBLISHED, 1, 1, null, null, null, null, at,
                at);
        Article article = new Article(id, 1, CategoryPath.of("Help", a), ArticleType.HOW_TO, "team", Set.of(a),
                Map.of(), Visibility.PUBLIC, Locale.ENGLISH, null, null, null, null, at, at,
                Map.of(Locale.ENGLISH, t));
        AuditEvent e = new AuditEvent(at, "importer", id, Locale.ENGLISH, AuditAction.CREATED, null,
                TranslationState.DRAFT, 1, "");
        return new ArticleArchive(article, Map.of(Locale.ENGLISH, List.of(r)), List.of(e), FeedbackSummary.EMPTY);
    }
}
