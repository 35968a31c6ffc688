package dev.savoir.kb.lucene.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KbException;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.RenderContext;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Indexing a batch over several threads gives exactly the index one thread gives, and fails loudly. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParallelIndexingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale FR = Locale.FRENCH;

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger renders = new AtomicInteger();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /** Plain text is the body itself, except that a body containing "BOOM" cannot be rendered. */
    private final ContentRenderer renderer = new ContentRenderer() {
        @Override
        public BodyAnalysis analyze(String markdown) {
            renders.incrementAndGet();
            if (markdown.contains("BOOM")) {
                throw new IllegalStateException("cannot render this body");
            }
            return new BodyAnalysis(markdown, List.of(), List.of());
        }

        @Override
        public RenderedArticle.Html render(String markdown, RenderContext context) {
            return new RenderedArticle.Html(markdown, List.of());
        }
    };

    private SearchEngine open(Path folder, int threads) {
        return LuceneSearchEngine.builder().indexingThreads(threads).build().open(new SearchEngineContext(folder,
                Clock.fixed(T0, ZoneOffset.UTC), EN, StalePolicy.FLAG, renderer, scheduler));
    }

    private static Revision revision(String id, Locale locale, int number, String title, String body) {
        return new Revision(ArticleId.of(id), locale, number, new ArticleContent(title, "Summary of " + title, body,
                List.of("tag" + number)), "author", T0, "", "hash-" + id + "-" + number, null);
    }

    /**
     * An article published in English (revision {@code rev}), published in French, and for every third one an
     * English draft newer than the published revision.
     */
    private static IndexableArticle article(int i, int rev, String title) {
        String id = "a" + i;
        Revision en = revision(id, EN, rev, title, "Configure router " + i + " and reset the modem, step " + rev);
        Revision fr = revision(id, FR, 1, "Routeur " + i, "Configurer le routeur " + i);
        Map<Locale, Translation> translations = new LinkedHashMap<>();
        boolean draft = i % 3 == 0;
        translations.put(EN, new Translation(EN, TranslationState.PUBLISHED, draft ? rev + 1 : rev, rev, null, null,
                null, null, T0, T0));
        translations.put(FR, new Translation(FR, TranslationState.PUBLISHED, 1, 1, rev, null, null, null, T0, T0));
        Article a = new Article(ArticleId.of(id), rev, CategoryPath.of("Help", "Network"), ArticleType.HOW_TO,
                "owner", Set.of("network"), Map.of("product", "box"), i % 2 == 0 ? Visibility.PUBLIC
                : Visibility.INTERNAL, EN, null, null, null, null, T0, T0, translations);
        Map<Locale, Revision> drafts = draft ? Map.of(EN, revision(id, EN, rev + 1, title + " draft", "Draft body "
                + i)) : Map.of();
        return new IndexableArticle(a, Map.of(EN, en, FR, fr), drafts);
    }

    /** An article whose translations are all archived: nothing of it is indexed. */
    private static IndexableArticle archived(int i) {
        String id = "a" + i;
        Article a = new Article(ArticleId.of(id), 9, CategoryPath.of("Help"), ArticleType.HOW_TO, "owner",
                Set.of(), Map.of(), Visibility.PUBLIC, EN, null, null, null, null, T0, T0,
                Map.of(EN, new Translation(EN, TranslationState.ARCHIVED, 1, null, null, null, null, null, null,
                        T0)));
        return new IndexableArticle(a, Map.of(), Map.of());
    }

    /** 600 articles, three of which change several times within the batch (one of them 40 times in a row). */
    private static List<IndexableArticle> batch() {
        List<IndexableArticle> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            all.add(article(i, 1, "Router setup " + i));
            if (i == 100) {
                all.add(article(7, 2, "Second title of seven"));
            }
            if (i == 300) {
                all.add(archived(11));
                all.add(article(7, 3, "Last title of seven"));
            }
        }
        // many states of one article next to each other: threads taking them at once must not reorder them
        for (int rev = 2; rev < 40; rev++) {
            all.add(article(42, rev, "Title " + rev + " of forty-two"));
        }
        all.add(article(42, 40, "Last title of forty-two"));
        return all;
    }

    /** Every stored document of the index except signals, one line each, sorted. */
    private static List<String> dump(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (FSDirectory d = FSDirectory.open(folder); DirectoryReader r = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : r.leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields sf = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document x = sf.document(doc);
                    if (x.get(Fields.ID) == null) {
                        continue;
                    }
                    lines.add(x.get(Fields.ID) + "|" + x.get(Fields.KIND) + "|" + x.get(Fields.LOC) + "|"
                            + x.get(Fields.REV) + "|" + x.get(Fields.TITLE_STORED) + "|" + x.get(Fields.BODY_STORED));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    @Test
    void apply_withFourThreads_indexesExactlyWhatOneThreadIndexes_lastChangeOfAnArticleWins() throws IOException {
        List<IndexableArticle> batch = batch();
        Path one = dir.resolve("one");
        Path four = dir.resolve("four");
        try (SearchEngine e = open(one, 1)) {
            e.apply(batch, 10);
        }
        try (SearchEngine e = open(four, 4)) {
            e.apply(batch.subList(0, 250), 5);
            e.apply(batch.subList(250, batch.size()), 10);
        }
        List<String> sequential = dump(one);
        List<String> parallel = dump(four);

        assertThat(parallel).isEqualTo(sequential);
        // 600 articles, two published docs each, 200 drafts; a11 archived: none of its 2 documents
        assertThat(sequential).hasSize(600 * 2 + 200 - 2);
        assertThat(sequential).filteredOn(l -> l.startsWith("a7|pub|en|")).singleElement().asString()
                .contains("|3|Last title of seven|");
        assertThat(sequential).filteredOn(l -> l.startsWith("a42|pub|en|")).singleElement().asString()
                .contains("|40|Last title of forty-two|");
        assertThat(sequential).noneMatch(l -> l.startsWith("a11|"));
        try (SearchEngine e = open(four, 4)) {
            assertThat(e.appliedSequence()).isEqualTo(10);
        }
    }

    @Test
    void rebuild_withFourThreads_indexesEverythingAndReportsProgress() throws IOException {
        List<IndexableArticle> batch = batch();
        List<Long> progress = new ArrayList<>();
        try (SearchEngine e = open(dir.resolve("seq"), 1)) {
            e.apply(batch, 3);
        }
        try (SearchEngine e = open(dir.resolve("par"), 4)) {
            e.rebuild(batch.iterator(), 3, progress::add);
            assertThat(e.appliedSequence()).isEqualTo(3);
        }
        assertThat(dump(dir.resolve("par"))).isEqualTo(dump(dir.resolve("seq")));
        assertThat(progress).isSorted().last().isEqualTo((long) batch.size());
    }

    @Test
    void apply_documentThatFails_throwsTypedErrorNamingIt_andSequenceStays() {
        Path folder = dir.resolve("fail");
        try (SearchEngine e = open(folder, 4)) {
            e.apply(List.of(article(1, 1, "Good one"), article(2, 1, "Good two")), 3);
        }
        List<IndexableArticle> bad = new ArrayList<>(batch());
        IndexableArticle good = article(100, 1, "Fine");
        Revision boom = revision("a100", EN, 1, "Fine", "This body goes BOOM");
        bad.set(100, new IndexableArticle(good.article(), Map.of(EN, boom), Map.of()));
        // what a whole batch costs: published and draft documents are analysed apiece
        renders.set(0);
        try (SearchEngine whole = open(dir.resolve("whole"), 4)) {
            whole.apply(batch(), 1);
        }
        int wholeBatch = renders.get();
        try (SearchEngine e = open(folder, 4)) {
            renders.set(0);
            assertThatThrownBy(() -> e.apply(bad, 9))
                    .isInstanceOf(KbException.class)
                    .hasMessageContaining("article a100")
                    .hasRootCauseMessage("cannot render this body");
            // the articles after the failure were skipped rather than all rendered
            assertThat(renders.get()).isLessThan(wholeBatch);
            // the engine stays usable
            e.apply(List.of(article(3, 1, "Good three")), 4);
        }
        try (SearchEngine e = open(folder, 4)) {
            assertThat(e.appliedSequence()).isEqualTo(4);
        }
        try (SearchEngine e = open(folder, 1)) {
            assertThatThrownBy(() -> e.apply(bad, 12)).isInstanceOf(KbException.class)
                    .hasMessageContaining("article a100");
        }
        try (SearchEngine e = open(folder, 1)) {
            assertThat(e.appliedSequence()).isEqualTo(4);
        }
    }
}
