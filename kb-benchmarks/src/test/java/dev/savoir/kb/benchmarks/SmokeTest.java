package dev.savoir.kb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The generator, the raw-Lucene twin and the hot-path runner on a small knowledge base, so they never rot. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SmokeTest {
    private static final int DOCS = 1_500;

    private Path folder;

    private final KbGenerator generator = new KbGenerator(KbGenerator.DEFAULT_SEED);

    @BeforeAll
    void generate() {
        folder = TempFolders.create("savoir-smoke");
        KbGenerator.Built built = generator.ensure(folder, DOCS);
        assertThat(built.reused()).isFalse();
        assertThat(generator.ensure(folder, DOCS).reused()).isTrue();
    }

    @AfterAll
    void delete() {
        TempFolders.delete(folder);
    }

    @Test
    void generator_sameSeed_sameArticlesAndQueries() {
        KbGenerator again = new KbGenerator(KbGenerator.DEFAULT_SEED);
        ArticleArchive a = generator.archive(42);

        assertThat(again.archive(42)).isEqualTo(a);
        assertThat(again.tickets(3)).isEqualTo(generator.tickets(3));
        assertThat(again.typoQueries(10)).isEqualTo(generator.typoQueries(10));
        assertThat(new KbGenerator(7).archive(42)).isNotEqualTo(a);
        assertThat(generator.body(3)).contains("## ").contains("\n- ").contains("\n1. ");
        assertThat(generator.tickets(1).getFirst().description().split("\\s+").length).isBetween(250, 400);
    }

    @Test
    void twin_findsWhatTheSdkFinds_inEveryShape() {
        List<String> queries = new ArrayList<>();
        queries.addAll(generator.shortQueries(8, false));
        queries.addAll(generator.oneWordQueries(8));
        queries.addAll(generator.threeWordQueries(8));
        queries.addAll(generator.phraseQueries(8));
        queries.addAll(generator.typoQueries(8));
        int compared = 0;
        try (KnowledgeBase kb = KbGenerator.kbBuilder(folder).build(); RawLucene raw = new RawLucene(folder)) {
            for (String q : queries) {
                for (Locale l : List.of(Locale.ENGLISH, Locale.forLanguageTag("fr-CA"))) {
                    ViewerContext viewer = ViewerContext.external(l, "enterprise");
                    SearchResponse sdk = kb.search(viewer, SearchRequest.builder(q).limit(10)
                            .facets(SearchRequest.Facet.CATEGORY, SearchRequest.Facet.TYPE).build());
                    RawLucene.Result twin = raw.search(q, l, false, Set.of("enterprise"), 0, 10,
                            Set.of("cat", "type"));

                    // The twin decides rarity and expands typos over the whole index, the SDK over what the viewer
                    // may read: a word hidden articles hold keeps the twin from a typo match the SDK finds, never
                    // the other way round.
                    if (sdk.totalHitsExact()) {
                        assertThat(twin.total()).as("total of %s [%s]", q, l).isLessThanOrEqualTo(sdk.totalHits());
                    }
                    // The twin scores with the statistics of the whole index (plain Lucene), the SDK with those of
                    // the viewer's partition (what it may read): the same matches, in another order. So the twin's
                    // page holds as many hits, each one a match of the SDK's query.
                    List<String> sdkIds = sdk.hits().stream().map(h -> h.articleId().value()).toList();
                    List<String> twinIds = twin.hits().stream().map(RawLucene.Hit::id).toList();
                    assertThat(twinIds).as("hits of %s", q).hasSameSizeAs(sdkIds);
                    if (sdk.totalHits() <= SearchRequest.MAX_LIMIT) {
                        List<String> allSdk = kb.search(viewer, SearchRequest.builder(q)
                                .limit(SearchRequest.MAX_LIMIT).build()).hits().stream()
                                .map(h -> h.articleId().value()).toList();
                        assertThat(allSdk).as("matches of %s", q).containsAll(twinIds);
                    }
                    for (int i = 0; i < sdk.hits().size(); i++) {
                        SearchHit h = sdk.hits().get(i);
                        RawLucene.Hit t = twin.hits().get(i);
                        if (t.id().equals(h.articleId().value())) {
                            assertThat(t.snippet()).isEqualTo(h.snippet());
                            assertThat(t.highlights().length).isEqualTo(h.highlights().size() * 2);
                        }
                    }
                    // the twin's matches are among the SDK's (see the totals)
                    sdk.facets().forEach((f, counts) -> counts.forEach(c -> assertThat(twin.facets()
                            .get(f == SearchRequest.Facet.CATEGORY ? "cat" : "type").getOrDefault(c.value(), 0L))
                            .isLessThanOrEqualTo(c.count())));
                    compared += sdk.hits().isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(compared).isGreaterThan(queries.size());
    }

    @Test
    void reference_matchesAmongTheTwinsMatches_withoutSnippets() {
        List<String> queries = new ArrayList<>();
        queries.addAll(generator.shortQueries(8, false));
        queries.addAll(generator.phraseQueries(8));
        int withHits = 0;
        try (KnowledgeBase kb = KbGenerator.kbBuilder(folder).build(); RawLucene raw = new RawLucene(folder)) {
            for (String q : queries) {
                Set<String> seg = Set.of("enterprise");
                RawLucene.Result twin = raw.search(q, Locale.ENGLISH, false, seg, 0, 10, Set.of("tag"), false);
                RawLucene.Result ref = raw.reference(q, Locale.ENGLISH, false, seg, 0, 10, Set.of("tag"));

                // the same terms and filter without the twin's typo expansions: exact totals, never more matches
                assertThat(ref.total()).as("total of %s", q).isLessThanOrEqualTo(twin.total());
                assertThat(ref.hits()).hasSize((int) Math.min(10, ref.total()));
                ref.facets().getOrDefault("tag", java.util.Map.of()).forEach((tag, n) -> assertThat(n)
                        .isLessThanOrEqualTo(twin.facets().get("tag").getOrDefault(tag, 0L)));
                assertThat(twin.hits()).allSatisfy(h -> assertThat(h.snippet()).isEmpty());
                assertThat(ref.hits()).allSatisfy(h -> assertThat(h.snippet()).isEmpty());
                if (twin.total() <= SearchRequest.MAX_LIMIT) {
                    List<String> allSdk = kb.search(ViewerContext.external(Locale.ENGLISH, "enterprise"),
                            SearchRequest.builder(q).limit(SearchRequest.MAX_LIMIT).build()).hits().stream()
                            .map(h -> h.articleId().value()).toList();
                    assertThat(allSdk).as("matches of %s", q).containsAll(ref.hits().stream()
                            .map(RawLucene.Hit::id).toList());
                }
                withHits += ref.hits().isEmpty() ? 0 : 1;
            }
        }
        assertThat(withHits).isGreaterThan(queries.size() / 2);
    }

    @Test
    void hotPath_smoke_printsTheOneLine() throws Exception {
        Path json = folder.resolveSibling(folder.getFileName() + "-results.json");
        HotPath.Figures f = HotPath.run(DOCS, HotPath.Speed.SMOKE, folder, json, 0);

        assertThat(f.line()).matches("docs=1500 search_p50_ms=[0-9.]+ search_p99_ms=[0-9.]+ raw_p50_ms=[0-9.]+ "
                + "sdk_raw_ratio=[0-9.]+ assist_p50_ms=[0-9.]+ index_docs_per_s=[0-9]+ render_ratio=[0-9.]+");
        assertThat(f.searchP50()).isPositive();
        assertThat(f.rawP50()).isPositive();
        assertThat(f.indexDocsPerSecond()).isPositive();
        assertThat(Files.readString(json)).contains("SearchBench.sdkSearch").contains("RenderBench.rawRender");
        Files.delete(json);
    }
}
