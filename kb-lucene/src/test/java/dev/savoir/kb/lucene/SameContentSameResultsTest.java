package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same content and query give the same results, whatever the index's history: written at once by one thread, or
 * over many refreshes with edits, deleted articles and signal updates along the way, then reopened, merged into one
 * segment, rebuilt by one thread or by four. Hits, their order and their scores (as floats, exactly), totals,
 * facets, did-you-mean, autocomplete, related articles and agent assist are compared. Only the revision number of a
 * hit may differ: it counts the edits.
 */
class SameContentSameResultsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T10:00:00Z"), ZoneOffset.UTC);
    private static final List<String> WORDS = List.of("reset", "password", "router", "invoice", "refund", "login",
            "printer", "email", "account", "billing", "resellers", "passwords", "facture", "compte", "livraison");
    private static final List<ViewerContext> VIEWERS = List.of(ViewerContext.external(Locale.ENGLISH),
            ViewerContext.external(Locale.FRENCH), ViewerContext.external(Locale.ENGLISH, "gold"),
            ViewerContext.internal(Locale.ENGLISH), ViewerContext.internal(Locale.FRENCH));
    private static final List<String> QUERIES = List.of("reset pasword", "invoice", "router login", "passwords",
            "refund billing email", "\"reset password\"", "printer -email", "facture", "compte livraison", "",
            "resselers", "acount");

    @TempDir
    Path tmp;

    /** One article as it must end up. */
    private record Spec(String id, Locale locale, Visibility visibility, String category, String title, String body,
                        String tag, boolean pendingDraft) {
    }

    /** A hit without its revision number (which counts edits). */
    private record Seen(ArticleId id, Locale locale, boolean draft, String title, List<SearchHit.Highlight> th,
                        String snippet, List<SearchHit.Highlight> h, CategoryPath category, ArticleType type,
                        float score) {
        static Seen of(SearchHit x) {
            return new Seen(x.articleId(), x.locale(), x.draft(), x.title(), x.titleHighlights(), x.snippet(),
                    x.highlights(), x.category(), x.type(), x.score());
        }
    }

    /** Everything the probes answered, in order. */
    private record Answers(List<Object> all) {
    }

    @Test
    void sameContent_givesIdenticalResults_whateverTheIndexHistory() throws IOException {
        List<Spec> specs = specs(new Random(42));
        Path fresh = tmp.resolve("fresh");
        try (KnowledgeBase kb = open(fresh, 1)) {
            for (Spec s : specs) {
                write(kb, s, s.title(), s.body());
            }
            kb.refresh();
        }
        Answers expected;
        try (KnowledgeBase kb = open(fresh, 1)) {
            expected = answers(kb, specs);
        }

        Path kept = tmp.resolve("history");
        Random rnd = new Random(7);
        try (KnowledgeBase kb = open(kept, 4)) {
            List<Spec> shuffled = new ArrayList<>(specs);
            Collections.shuffle(shuffled, rnd);
            int extra = 0;
            for (Spec s : shuffled) {
                if (rnd.nextInt(3) == 0) {
                    // first published with other content, then edited to its final content
                    write(kb, s, s.title() + " " + WORDS.get(rnd.nextInt(WORDS.size())), text(rnd, 30));
                    kb.edit(ADMIN, ArticleId.of(s.id()), s.locale(), 1, ArticleContent.of(s.title(), s.body()), "");
                    kb.publish(ADMIN, ArticleId.of(s.id()), s.locale(), 2);
                    if (s.pendingDraft()) {
                        kb.edit(ADMIN, ArticleId.of(s.id()), s.locale(), 2,
                                ArticleContent.of(s.title() + " draft", s.body() + " draft"), "");
                    }
                } else {
                    write(kb, s, s.title(), s.body());
                }
                if (rnd.nextInt(4) == 0) {
                    // an article that comes and goes: deleted documents the index keeps until a merge
                    String id = "gone" + extra++;
                    kb.create(ADMIN, NewArticle.builder(id).category("Help").visibility(Visibility.PUBLIC)
                            .title("Reset router " + text(rnd, 2)).body(text(rnd, 40)).build());
                    kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
                    kb.refresh();
                    kb.archive(ADMIN, ArticleId.of(id), Locale.ENGLISH);
                }
                if (rnd.nextInt(5) == 0) {
                    // signals that come and go: doc-values updates, new segment readers
                    kb.updateSignals(ArticleId.of(s.id()), new ArticleSignals(3, 1, 20, CLOCK.instant()));
                    kb.refresh();
                    kb.updateSignals(ArticleId.of(s.id()), new ArticleSignals(0, 0, 0, CLOCK.instant()));
                }
                kb.refresh();
            }
            assertThat(answers(kb, specs)).as("after a history of edits and deletes").isEqualTo(expected);
        }
        try (KnowledgeBase kb = open(kept, 4)) {
            assertThat(answers(kb, specs)).as("reopened").isEqualTo(expected);
        }
        try (FSDirectory dir = FSDirectory.open(kept.resolve("index"));
             IndexWriter w = new IndexWriter(dir,
                     new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            w.forceMerge(1);
            w.commit();
        }
        try (KnowledgeBase kb = open(kept, 4)) {
            assertThat(answers(kb, specs)).as("merged into one segment").isEqualTo(expected);
        }
        for (int threads : new int[] {1, 4}) {
            deleteIndex(kept);
            try (KnowledgeBase kb = open(kept, threads)) {
                assertThat(answers(kb, specs)).as("rebuilt by %d threads", threads).isEqualTo(expected);
            }
        }
    }

    private static KnowledgeBase open(Path dir, int threads) {
        return Fixtures.builder().directory(dir).clock(CLOCK)
                .searchEngine(LuceneSearchEngine.builder().indexingThreads(threads).build()).build();
    }

    private static void write(KnowledgeBase kb, Spec s, String title, String body) {
        kb.create(ADMIN, NewArticle.builder(s.id()).category(s.category()).visibility(s.visibility())
                .locale(s.locale()).title(title).body(body).tags(s.tag()).build());
        kb.publish(ADMIN, ArticleId.of(s.id()), s.locale(), 1);
        if (s.pendingDraft() && title.equals(s.title())) {
            kb.edit(ADMIN, ArticleId.of(s.id()), s.locale(), 1,
                    ArticleContent.of(s.title() + " draft", s.body() + " draft"), "");
        }
    }

    private static void deleteIndex(Path kb) throws IOException {
        try (Stream<Path> files = Files.walk(kb.resolve("index"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Spec> specs(Random rnd) {
        List<Spec> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Locale l = i % 4 == 3 ? Locale.FRENCH : Locale.ENGLISH;
            Visibility v = switch (i % 5) {
                case 1 -> Visibility.INTERNAL;
                case 3 -> Visibility.segments("gold");
                default -> Visibility.PUBLIC;
            };
            // few words, often repeated: equal scores are common, so their order is exercised
            out.add(new Spec("a" + i, l, v, i % 2 == 0 ? "Help > Account" : "Help > Billing", text(rnd, 2),
                    text(rnd, 3 + rnd.nextInt(12)), i % 3 == 0 ? "t1" : "t2", i % 7 == 0));
        }
        return out;
    }

    private static String text(Random rnd, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(WORDS.get(rnd.nextInt(WORDS.size()))).append(' ');
        }
        return sb.toString().strip();
    }

    private static Answers answers(KnowledgeBase kb, List<Spec> specs) {
        kb.refresh();
        List<Object> all = new ArrayList<>();
        for (ViewerContext viewer : VIEWERS) {
            for (String q : QUERIES) {
                List<SearchRequest> requests = new ArrayList<>(List.of(
                        SearchRequest.builder(q).limit(50).facets(Facet.values()).build(),
                        SearchRequest.builder(q).limit(5).build(),
                        SearchRequest.builder(q).offset(3).limit(4).explain(true).build()));
                if (viewer.internal()) {
                    requests.add(SearchRequest.builder(q).limit(50).includeDrafts(true).build());
                }
                for (SearchRequest r : requests) {
                    SearchResponse resp = kb.search(viewer, r);
                    Map<Facet, List<FacetCount>> facets = new LinkedHashMap<>();
                    for (Facet f : r.facets()) {
                        facets.put(f, resp.facet(f));
                    }
                    all.add(List.of(viewer, r.query(), resp.hits().stream().map(Seen::of).toList(),
                            resp.hits().stream().map(h -> String.valueOf(h.explanation())).toList(),
                            resp.totalHits(), resp.totalHitsExact(), facets, String.valueOf(resp.didYouMean())));
                }
                if (!q.isEmpty()) {
                    List<Suggestion> ac = kb.autocomplete(viewer, q.substring(0, Math.min(4, q.length())), 10);
                    List<AssistHit> assist = kb.suggestForTicket(viewer, q, q + " " + q + " account email", 10);
                    all.add(List.of(viewer, q, ac, assist.stream().map(a -> List.of(Seen.of(a.hit()),
                            a.matchedTerms())).toList()));
                }
            }
            for (Spec s : specs.subList(0, 8)) {
                all.add(List.of(viewer, s.id(), kb.related(viewer, ArticleId.of(s.id()), 10).stream()
                        .map(Seen::of).toList()));
            }
        }
        return new Answers(all);
    }
}
