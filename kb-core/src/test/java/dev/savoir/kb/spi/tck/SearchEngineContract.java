package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the search engine SPI, run through the public {@link KnowledgeBase} facade. An engine runs
 * the whole suite by subclassing and implementing {@link #engineFactory()}; a behaviour it cannot honour must be
 * declared by overriding the test with a documented reason, never silently skipped.
 *
 * <p>Besides examples, it holds a property test over random articles (visibility, segments, state, locales) and
 * random viewers and queries, asserting that no hit, snippet, count, facet, suggestion, related article or agent
 * assist result reveals anything the viewer may not see. It runs 100 tries by default; {@code -Dsavoir.full=true}
 * checks five times more viewers and queries per try. A second property compares every total, hit set and facet
 * count with the exact answer of an oracle written from the README's visibility rules ({@link VisibilityOracle}),
 * on queries whose matching set the test knows exactly (words unique to groups of articles, exclusions, filters),
 * since totals and facets come from a second pass over the index that a broken filter could get wrong on its own.
 * A third compares twins that differ only in content the viewer may not read: every answer must be identical, so
 * that hidden content leaks through no statistic, typo correction or suggestion ({@link HiddenContentTwins}).
 */
public abstract class SearchEngineContract {
    protected static final Actor ADMIN = Actor.of("tck-admin", Role.ADMIN);
    protected static final Locale EN = Locale.ENGLISH;
    protected static final Locale FR = Locale.FRENCH;
    protected static final ViewerContext CUSTOMER = ViewerContext.external(EN);
    protected static final ViewerContext AGENT = ViewerContext.internal(EN);

    protected KnowledgeBase kb;
    private final Set<String> typedByPublic = new HashSet<>();

    /** The engine under test, with its default settings. */
    protected abstract SearchEngineFactory engineFactory();

    /** A new in-memory knowledge base with the engine, publishing without review. */
    protected KnowledgeBase newKnowledgeBase() {
        return KnowledgeBase.builder().inMemory().searchEngine(engineFactory()).requireReview(false)
                .schedulerInterval(Duration.ZERO).build();
    }

    /**
     * The engine under test with an embedding model, or {@code null} for an engine without semantic search: then
     * the semantic tests check only that semantic requests and passages fail with
     * {@link SemanticSearchUnavailableException} (a declared difference, never a silent skip).
     */
    protected @Nullable SearchEngineFactory engineFactory(Embedder embedder) {
        return null;
    }

    /** A new in-memory knowledge base with the engine and the kit's {@link HashingEmbedder}, or null. */
    protected @Nullable KnowledgeBase newSemanticKnowledgeBase(Clock clock, StalePolicy stalePolicy) {
        SearchEngineFactory f = engineFactory(new HashingEmbedder());
        return f == null ? null : KnowledgeBase.builder().inMemory().searchEngine(f).requireReview(false)
                .schedulerInterval(Duration.ZERO).clock(clock).stalePolicy(stalePolicy).build();
    }

    /** Waits until every passage written so far is embedded and searchable. */
    public static void awaitEmbeddings(KnowledgeBase k) {
        k.refresh();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!k.embeddingProgress().ready()) {
            assertThat(System.nanoTime()).as("passages embedded within 60 s: " + k.embeddingProgress())
                    .isLessThan(until);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        k.refresh();
    }

    /** As {@link #newKnowledgeBase()}, on a given clock and stale policy (for stale hiding). */
    protected KnowledgeBase newKnowledgeBase(Clock clock, StalePolicy stalePolicy) {
        return KnowledgeBase.builder().inMemory().searchEngine(engineFactory()).requireReview(false)
                .schedulerInterval(Duration.ZERO).clock(clock).stalePolicy(stalePolicy).build();
    }

    @BeforeEach
    void openKb() {
        kb = newKnowledgeBase();
    }

    @AfterEach
    void closeKb() {
        if (kb != null) {
            kb.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    protected static void publish(KnowledgeBase kb, String id, Locale locale, Visibility visibility, String title,
                                  String body) {
        kb.create(ADMIN, NewArticle.builder(id).category("Help > General").visibility(visibility).locale(locale)
                .title(title).body(body).build());
        kb.publish(ADMIN, ArticleId.of(id), locale, 1);
    }

    protected static List<String> ids(KnowledgeBase kb, ViewerContext viewer, String query) {
        kb.refresh();
        return kb.search(viewer, SearchRequest.builder(query).limit(100).build()).hits().stream()
                .map(h -> h.articleId().value()).toList();
    }

    // ------------------------------------------------------------------ examples

    @Test
    void search_publishedArticle_isFound() {
        publish(kb, "a", EN, Visibility.PUBLIC, "Reset your password", "Use the reset link.");
        assertThat(ids(kb, CUSTOMER, "password")).containsExactly("a");
        assertThat(ids(kb, CUSTOMER, "nothingmatches")).isEmpty();
    }

    @Test
    void search_unpublishedDraft_isNotFound() {
        kb.create(ADMIN, NewArticle.builder("d").category("Help").visibility(Visibility.PUBLIC).title("Draft guide")
                .body("Unreleased feature").build());
        assertThat(ids(kb, CUSTOMER, "unreleased")).isEmpty();
        assertThat(ids(kb, AGENT, "unreleased")).isEmpty();
        kb.refresh();
        assertThat(kb.search(AGENT, SearchRequest.builder("unreleased").includeDrafts(true).build()).hits())
                .singleElement().satisfies(h -> assertThat(h.draft()).isTrue());
        assertThatThrownBy(() -> kb.search(CUSTOMER, SearchRequest.builder("x").includeDrafts(true).build()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void search_visibility_isEnforced() {
        publish(kb, "pub", EN, Visibility.PUBLIC, "Returns", "Returns policy.");
        publish(kb, "int", EN, Visibility.INTERNAL, "Returns internal", "Returns override.");
        publish(kb, "seg", EN, Visibility.segments("gold"), "Returns gold", "Returns for gold members.");
        assertThat(ids(kb, CUSTOMER, "returns")).containsExactly("pub");
        assertThat(ids(kb, ViewerContext.external(EN, "gold"), "returns")).containsExactlyInAnyOrder("pub", "seg");
        assertThat(ids(kb, ViewerContext.external(EN, "silver"), "returns")).containsExactly("pub");
        assertThat(ids(kb, AGENT, "returns")).containsExactlyInAnyOrder("pub", "int", "seg");
        assertThat(ids(kb, CUSTOMER, "override")).isEmpty();
    }

    @Test
    void search_archivedTranslation_disappears() {
        publish(kb, "a", EN, Visibility.PUBLIC, "Legacy plan", "Old pricing.");
        assertThat(ids(kb, CUSTOMER, "legacy")).containsExactly("a");
        kb.archive(ADMIN, ArticleId.of("a"), EN);
        assertThat(ids(kb, CUSTOMER, "legacy")).isEmpty();
        assertThat(ids(kb, AGENT, "legacy")).isEmpty();
    }

    @Test
    void search_localeFallback_oneHitPerArticle() {
        publish(kb, "a", EN, Visibility.PUBLIC, "Shipping costs", "Shipping costs shipping.");
        Revision fr = kb.addTranslation(ADMIN, ArticleId.of("a"), FR,
                ArticleContent.of("Frais de shipping", "Les frais de shipping."), 1, "");
        kb.publish(ADMIN, ArticleId.of("a"), FR, fr.number());
        kb.refresh();
        for (Locale l : List.of(EN, FR, Locale.forLanguageTag("fr-CA"), Locale.GERMAN)) {
            List<SearchHit> hits = kb.search(ViewerContext.external(l), SearchRequest.of("shipping")).hits();
            assertThat(hits).as("viewer in %s", l).singleElement().satisfies(h ->
                    assertThat(h.locale()).isEqualTo(l.getLanguage().equals("fr") ? FR : EN));
        }
    }

    @Test
    void facets_countOnlyVisibleArticles() {
        publish(kb, "pub", EN, Visibility.PUBLIC, "Modem", "Modem reset.");
        publish(kb, "int", EN, Visibility.INTERNAL, "Modem internal", "Modem internals.");
        kb.refresh();
        SearchResponse r = kb.search(CUSTOMER, SearchRequest.builder("modem").facets(Facet.values()).build());
        assertThat(r.totalHits()).isEqualTo(1);
        assertThat(r.facet(Facet.CATEGORY)).contains(new FacetCount("Help", 1));
        assertThat(r.facet(Facet.LOCALE)).containsExactly(new FacetCount("en", 1));
    }

    @Test
    void hostileQueries_neverThrow() {
        publish(kb, "a", EN, Visibility.PUBLIC, "Orders", "Track orders.");
        kb.refresh();
        for (String q : List.of("\"", "((", "]", "*", "?", "~", ":", "AND", "-", "😀", "a:b OR c~2^3",
                "x".repeat(100_000))) {
            assertThat(kb.search(CUSTOMER, SearchRequest.of(q)).totalHits()).isGreaterThanOrEqualTo(0);
            assertThat(kb.autocomplete(CUSTOMER, q, 5)).isNotNull();
            assertThat(kb.suggestForTicket(CUSTOMER, q, q, 5)).isNotNull();
        }
    }

    @Test
    void autocomplete_popularQueries_onlyFromPublicSearches() {
        publish(kb, "pub", EN, Visibility.PUBLIC, "Printer setup", "Install the printer driver.");
        publish(kb, "int", EN, Visibility.INTERNAL, "Printer override", "Printer override codes.");
        kb.refresh();
        for (int i = 0; i < 5; i++) {
            kb.search(CUSTOMER, SearchRequest.of("printer driver"), "customer-" + i);
            kb.search(AGENT, SearchRequest.of("printer override codes"), "agent-" + i);
        }
        assertThat(kb.autocomplete(CUSTOMER, "printer", 10)).extracting(Suggestion::text)
                .contains("Printer setup")
                .doesNotContain("Printer override", "printer override codes");
        assertThat(kb.autocomplete(CUSTOMER, "printer d", 10)).extracting(Suggestion::text)
                .containsExactly("printer driver");
    }

    // ------------------------------------------------------------------ the popular-query privacy probe

    /** The popular queries (not titles) offered to {@code viewer} for {@code prefix}. */
    protected static List<String> popular(KnowledgeBase kb, ViewerContext viewer, String prefix) {
        return kb.autocomplete(viewer, prefix, 10).stream().filter(s -> s.articleId() == null)
                .map(Suggestion::text).toList();
    }

    @Test
    void popularQueries_needFiveDistinctViewers_andOneViewerNeverCountsTwice() {
        publish(kb, "pub", EN, Visibility.PUBLIC, "Printer setup", "Install the printer driver.");
        kb.refresh();
        for (int i = 0; i < 20; i++) {
            kb.search(CUSTOMER, SearchRequest.of("printer driver"), "one-customer");
            kb.search(CUSTOMER, SearchRequest.of("printer driver"));
        }
        assertThat(popular(kb, CUSTOMER, "printer d")).as("one viewer, many times").isEmpty();
        for (int v = 1; v <= 3; v++) {
            kb.search(CUSTOMER, SearchRequest.of("Printer  driver"), "customer-" + v);
        }
        assertThat(popular(kb, CUSTOMER, "printer d")).as("four distinct viewers").isEmpty();
        kb.search(CUSTOMER, SearchRequest.of("printer driver"), "customer-4");
        assertThat(popular(kb, CUSTOMER, "printer d")).as("five distinct viewers")
                .containsExactly("printer driver");
    }

    @Test
    void popularQueries_neverCarryWhatLooksLikePersonalData() {
        publish(kb, "inv", EN, Visibility.PUBLIC, "Invoice for your order",
                "Find the invoice for your order and your card in Billing.");
        kb.refresh();
        List<String> typed = List.of("invoice for jane.doe@example.com order 4471",
                "invoice for my card 4111111111111111 alice@example.org", "invoice for +33 6 12 34 56 78",
                "invoice for order 12345678", "invoice for https://shop.example.com/o?token=abc123");
        for (String q : typed) {
            assertThat(kb.search(CUSTOMER, SearchRequest.of(q)).totalHits()).as("the probe's query finds %s", q)
                    .isPositive();
            for (int v = 0; v < 12; v++) {
                kb.search(CUSTOMER, SearchRequest.of(q), "customer-" + v);
            }
        }
        ViewerContext other = ViewerContext.external(EN);
        assertThat(kb.autocomplete(other, "invoice f", 10)).extracting(Suggestion::text)
                .noneMatch(t -> t.contains("@") || t.contains("jane") || t.contains("4111") || t.contains("33 6")
                        || t.contains("12345678") || t.contains("token"));
        assertThat(popular(kb, other, "invoice f")).isEmpty();
    }

    @Test
    void popularQuery_isWithdrawn_whenItNoLongerLeadsToAnythingTheViewerMaySee() {
        publish(kb, "z", EN, Visibility.PUBLIC, "Zorblax refunds", "Zorblax refunds arrive within five days.");
        kb.refresh();
        for (int v = 0; v < 5; v++) {
            kb.search(CUSTOMER, SearchRequest.of("zorblax refund policy"), "customer-" + v);
        }
        assertThat(popular(kb, CUSTOMER, "zorblax refund p")).containsExactly("zorblax refund policy");
        ArticleId z = ArticleId.of("z");
        kb.updateMetadata(ADMIN, z, kb.article(ADMIN, z).version(),
                dev.savoir.kb.MetadataChange.none().withVisibility(Visibility.INTERNAL));
        kb.refresh();
        assertThat(kb.search(CUSTOMER, SearchRequest.of("zorblax refund policy")).totalHits()).isZero();
        assertThat(kb.autocomplete(CUSTOMER, "zorblax refund p", 10)).as("taken down").isEmpty();
        assertThat(kb.autocomplete(ViewerContext.external(EN, "gold"), "zorblax refund p", 10)).isEmpty();
        assertThat(popular(kb, AGENT, "zorblax refund p")).as("an agent still finds it")
                .containsExactly("zorblax refund policy");
    }

    @Test
    void popularQueries_forgetAnErasedViewer() {
        publish(kb, "pub", EN, Visibility.PUBLIC, "Printer setup", "Install the printer driver.");
        kb.refresh();
        for (int v = 0; v < 5; v++) {
            kb.search(CUSTOMER, SearchRequest.of("printer driver"), "customer-" + v);
        }
        assertThat(popular(kb, CUSTOMER, "printer d")).containsExactly("printer driver");
        kb.eraseViewer("customer-0");
        assertThat(popular(kb, CUSTOMER, "printer d")).as("four viewers left").isEmpty();
    }

    @Test
    void suggestions_neverRevealInvisibleArticles() {
        publish(kb, "pub", EN, Visibility.PUBLIC, "Printer setup", "Install the printer driver and queue.");
        publish(kb, "int", EN, Visibility.INTERNAL, "Printer secret override", "Printer driver queue override.");
        kb.refresh();
        assertThat(kb.autocomplete(CUSTOMER, "print", 10)).extracting(Suggestion::text)
                .containsExactly("Printer setup");
        assertThat(kb.related(CUSTOMER, ArticleId.of("int"), 10)).isEmpty();
        assertThat(kb.related(CUSTOMER, ArticleId.of("pub"), 10)).isEmpty();
        assertThat(kb.related(AGENT, ArticleId.of("pub"), 10)).extracting(h -> h.articleId().value())
                .containsExactly("int");
        assertThat(kb.suggestForTicket(CUSTOMER, "printer", "printer driver queue override", 10))
                .extracting(h -> h.hit().articleId().value()).containsExactly("pub");
    }

    @Test
    void refresh_makesChangesVisibleAtOnce() {
        publish(kb, "a", EN, Visibility.PUBLIC, "Alpha", "First.");
        kb.refresh();
        assertThat(kb.search(CUSTOMER, SearchRequest.of("alpha")).totalHits()).isEqualTo(1);
        kb.edit(ADMIN, ArticleId.of("a"), EN, 1, ArticleContent.of("Beta", "Second."), "");
        kb.publish(ADMIN, ArticleId.of("a"), EN, 2);
        kb.refresh();
        assertThat(kb.search(CUSTOMER, SearchRequest.of("alpha")).totalHits()).isZero();
        assertThat(kb.search(CUSTOMER, SearchRequest.of("beta")).totalHits()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ the leak property

    private static final List<String> VOCABULARY = List.of("account", "billing", "invoice", "password", "router",
            "printer", "refund", "shipping", "delivery", "mobile", "screen", "email");
    private static final List<Locale> LOCALES = List.of(EN, FR, Locale.forLanguageTag("fr-CA"));
    private static final List<String> SEGMENTS = List.of("gold", "silver", "bronze");

    /** What one published or draft revision says, for the oracle. */
    private record Written(String id, Locale locale, Visibility visibility, boolean published, String title,
                           String body) {
    }

    @Property(tries = 100)
    void noResultEverRevealsWhatTheViewerMayNotSee(@ForAll long seed) {
        Random rnd = new Random(seed);
        typedByPublic.clear();
        List<Written> written = new ArrayList<>();
        try (KnowledgeBase k = newKnowledgeBase()) {
            int n = 2 + rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                written.addAll(randomArticle(k, rnd, "a" + i));
            }
            k.refresh();
            int rounds = Boolean.getBoolean("savoir.full") ? 40 : 8;
            for (int r = 0; r < rounds; r++) {
                ViewerContext viewer = randomViewer(rnd);
                checkViewer(k, viewer, written, randomQuery(rnd, written), rnd);
            }
        }
    }

    private static String marker(Random rnd) {
        StringBuilder sb = new StringBuilder("zq");
        for (int i = 0; i < 6; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private static String text(Random rnd, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(rnd.nextInt(3) == 0 ? marker(rnd) : VOCABULARY.get(rnd.nextInt(VOCABULARY.size()))).append(' ');
        }
        return sb.toString().strip();
    }

    private static Visibility randomVisibility(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> Visibility.PUBLIC;
            case 1 -> Visibility.INTERNAL;
            default -> Visibility.segments(SEGMENTS.get(rnd.nextInt(SEGMENTS.size())));
        };
    }

    private static List<Written> randomArticle(KnowledgeBase k, Random rnd, String id) {
        List<Written> out = new ArrayList<>();
        Visibility vis = randomVisibility(rnd);
        ArticleId aid = ArticleId.of(id);
        List<Locale> locales = new ArrayList<>(LOCALES);
        java.util.Collections.shuffle(locales, rnd);
        int count = 1 + rnd.nextInt(locales.size());
        for (int li = 0; li < count; li++) {
            Locale l = locales.get(li);
            String title = text(rnd, 2 + rnd.nextInt(3));
            String body = text(rnd, 5 + rnd.nextInt(20));
            int rev;
            if (li == 0) {
                k.create(ADMIN, NewArticle.builder(id).category(rnd.nextBoolean() ? "Help > Billing" : "Help > Tech")
                        .visibility(vis).locale(l).title(title).body(body).tags(rnd.nextBoolean() ? "t1" : "t2")
                        .build());
                rev = 1;
            } else {
                rev = k.addTranslation(ADMIN, aid, l, ArticleContent.of(title, body), 1, "").number();
            }
            int state = rnd.nextInt(4);
            if (state == 0) {
                out.add(new Written(id, l, vis, false, title, body));
                continue;
            }
            k.publish(ADMIN, aid, l, rev);
            out.add(new Written(id, l, vis, true, title, body));
            if (state == 2) {
                String t2 = text(rnd, 3);
                String b2 = text(rnd, 8);
                k.edit(ADMIN, aid, l, rev, ArticleContent.of(t2, b2), "");
                out.add(new Written(id, l, vis, false, t2, b2));
            } else if (state == 3 && rnd.nextInt(3) == 0) {
                k.archive(ADMIN, aid, l);
                out.removeLast();
                out.add(new Written(id, l, vis, false, title, body));
            }
        }
        return out;
    }

    private static ViewerContext randomViewer(Random rnd) {
        Locale l = List.of(EN, FR, Locale.forLanguageTag("fr-CA"), Locale.GERMAN).get(rnd.nextInt(4));
        if (rnd.nextInt(3) == 0) {
            return ViewerContext.internal(l);
        }
        Set<String> segs = new HashSet<>();
        for (String s : SEGMENTS) {
            if (rnd.nextInt(3) == 0) {
                segs.add(s);
            }
        }
        return new ViewerContext(false, segs, l);
    }

    private static String randomQuery(Random rnd, List<Written> written) {
        List<String> words = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(4);
            if (kind == 0 || written.isEmpty()) {
                words.add(VOCABULARY.get(rnd.nextInt(VOCABULARY.size())));
            } else {
                Written w = written.get(rnd.nextInt(written.size()));
                String[] ws = (w.title() + " " + w.body()).split(" ");
                String word = ws[rnd.nextInt(ws.length)];
                if (kind == 3 && word.length() > 4) {
                    word = word.substring(0, word.length() - 1) + "x";
                }
                words.add(word);
            }
        }
        return String.join(" ", words);
    }

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private void checkViewer(KnowledgeBase k, ViewerContext viewer, List<Written> written, String query, Random rnd) {
        Map<String, List<Written>> visiblePublished = new LinkedHashMap<>();
        Set<String> allowedWords = new HashSet<>();
        Set<String> allowedTitles = new HashSet<>();
        for (Written w : written) {
            if (w.published() && w.visibility().isVisibleTo(viewer)) {
                visiblePublished.computeIfAbsent(w.id(), x -> new ArrayList<>()).add(w);
                allowedWords.addAll(words(w.title() + " " + w.body()));
                allowedTitles.add(w.title());
            }
        }
        allowedWords.addAll(words("Help General Billing Tech t1 t2"));
        String context = "viewer " + viewer + " query \"" + query + "\"";

        SearchResponse r = k.search(viewer, SearchRequest.builder(query).limit(100).facets(Facet.values()).build());
        assertThat(r.totalHits()).as(context).isLessThanOrEqualTo(visiblePublished.size());
        Set<String> seen = new HashSet<>();
        for (SearchHit h : r.hits()) {
            String id = h.articleId().value();
            assertThat(visiblePublished).as(context).containsKey(id);
            assertThat(seen.add(id)).as("one hit per article: " + context).isTrue();
            assertThat(h.draft()).isFalse();
            Written w = visiblePublished.get(id).stream().filter(x -> x.locale().equals(h.locale())).findFirst()
                    .orElse(null);
            assertThat(w).as("hit in a published locale: " + context).isNotNull();
            assertThat(h.title()).isEqualTo(w.title());
            assertThat(allowedWords).as("snippet words: " + context).containsAll(words(h.snippet()));
        }
        for (Facet f : Facet.values()) {
            long sum = 0;
            for (FacetCount c : r.facet(f)) {
                assertThat(c.count()).as(context).isLessThanOrEqualTo(visiblePublished.size());
                sum += c.count();
            }
            if (f == Facet.TYPE || f == Facet.LOCALE) {
                assertThat(sum).as(f + " counts add up to total: " + context).isEqualTo(r.totalHits());
            }
        }
        if (r.didYouMean() != null) {
            Set<String> allowedOrTyped = new HashSet<>(allowedWords);
            allowedOrTyped.addAll(words(query));
            assertThat(allowedOrTyped).as("did-you-mean: " + context).containsAll(words(r.didYouMean()));
        }
        String prefix = query.length() > 3 ? query.substring(0, 3 + rnd.nextInt(query.length() - 3)) : query;
        if (!viewer.internal() && viewer.segments().isEmpty()) {
            typedByPublic.add(query.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "));
        }
        for (Suggestion s : k.autocomplete(viewer, prefix, 10)) {
            if (s.articleId() != null) {
                assertThat(allowedTitles).as("autocomplete: " + context).contains(s.text());
                assertThat(visiblePublished).as("autocomplete: " + context).containsKey(s.articleId().value());
            } else {
                assertThat(typedByPublic).as("a popular query was typed by public viewers: " + context)
                        .contains(s.text());
            }
        }
        for (String id : List.of("a0", "a1", "a2")) {
            List<SearchHit> rel = k.related(viewer, ArticleId.of(id), 10);
            if (!visiblePublished.containsKey(id)) {
                assertThat(rel).as("related of an invisible article: " + context).isEmpty();
            }
            for (SearchHit h : rel) {
                assertThat(visiblePublished).as("related: " + context).containsKey(h.articleId().value());
                assertThat(allowedWords).containsAll(words(h.snippet()));
            }
        }
        for (AssistHit a : k.suggestForTicket(viewer, query, query + " " + query, 10)) {
            assertThat(visiblePublished).as("assist: " + context).containsKey(a.hit().articleId().value());
            for (String m : a.matchedTerms()) {
                assertThat(words(query)).as("assist terms are the ticket's own words: " + context)
                        .containsAll(words(m));
            }
            assertThat(allowedWords).containsAll(words(a.hit().snippet()));
        }
    }

    // ------------------------------------------------------------------ semantic search and passages

    @Test
    void semanticSearchAndPassages_withoutAModel_failWithATypedError() {
        publish(kb, "a", EN, Visibility.PUBLIC, "Reset your password", "Use the reset link.");
        kb.refresh();
        if (kb.embeddingProgress().enabled()) {
            return; // the default engine has a model: the semantic tests below cover it
        }
        for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
            assertThatThrownBy(() -> kb.search(CUSTOMER, SearchRequest.builder("password").mode(mode).build()))
                    .as(mode.toString()).isInstanceOf(SemanticSearchUnavailableException.class);
        }
        assertThatThrownBy(() -> kb.passages(CUSTOMER, "password", 3))
                .isInstanceOf(SemanticSearchUnavailableException.class);
        assertThat(kb.search(CUSTOMER, SearchRequest.builder("password").mode(SearchMode.LEXICAL).build())
                .totalHits()).isEqualTo(1);
    }

    @Test
    void passages_citeTheSectionsOfVisibleArticles_withTheirHeadingsAnchorsAndUrls() {
        try (KnowledgeBase k = newSemanticKnowledgeBase(Clock.systemUTC(), StalePolicy.FLAG)) {
            if (k == null) {
                return; // declared: no semantic search (checked by the test above)
            }
            publish(k, "router", EN, Visibility.PUBLIC, "Router guide",
                    "Plug it in.\n\n## Reset the router\n\nHold the reset button ten seconds.\n\n"
                            + "## Update the firmware\n\nDownload the firmware file.");
            publish(k, "secret", EN, Visibility.INTERNAL, "Reset override",
                    "## Reset the router\n\nHold the reset button ten seconds, then the override code.");
            awaitEmbeddings(k);
            List<Passage> found = k.passages(CUSTOMER, "reset the router button", 10);
            assertThat(found).extracting(p -> p.articleId().value()).containsOnly("router");
            assertThat(found).hasSize(3);
            Passage best = found.getFirst();
            assertThat(best.heading()).isEqualTo("Reset the router");
            // the anchor is the renderer's (none for the plain-text default, the heading id with kb-markdown)
            assertThat(best.url()).isEqualTo(best.anchor().isEmpty() ? "router" : "router#" + best.anchor());
            assertThat(best.text()).contains("Hold the reset button ten seconds.").doesNotContain("firmware");
            assertThat(best.title()).isEqualTo("Router guide");
            assertThat(best.revision()).isEqualTo(1);
            assertThat(best.locale()).isEqualTo(EN);
            assertThat(k.passages(AGENT, "reset the router button override code", 1)).singleElement()
                    .satisfies(p -> assertThat(p.articleId().value()).isEqualTo("secret"));
            assertThat(k.passages(CUSTOMER, "reset", 1)).hasSize(1);
            for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
                SearchResponse r = k.search(CUSTOMER, SearchRequest.builder("router reset button").mode(mode)
                        .build());
                assertThat(r.hits()).as(mode.toString()).extracting(h -> h.articleId().value())
                        .containsExactly("router");
                assertThat(r.totalHits()).isEqualTo(1);
            }
            k.archive(ADMIN, ArticleId.of("router"), EN);
            k.refresh();
            assertThat(k.passages(CUSTOMER, "reset the router button", 10)).isEmpty();
            assertThat(k.search(CUSTOMER, SearchRequest.builder("router").mode(SearchMode.HYBRID).build()).hits())
                    .isEmpty();
        }
    }

    /**
     * Semantic and hybrid searches and passages reveal nothing the viewer may not see, with exact counts: the kNN
     * search is filtered inside, so asking for k passages gives k whenever the viewer may see that many (every
     * article of this probe has one passage per translation, and a viewer sees one translation per article).
     */
    @Property(tries = 40)
    void semanticAndHybridSearchAndPassages_neverRevealWhatTheViewerMayNotSee(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Written> written = new ArrayList<>();
        try (KnowledgeBase k = newSemanticKnowledgeBase(Clock.systemUTC(), StalePolicy.FLAG)) {
            if (k == null) {
                return; // declared: no semantic search
            }
            int n = 2 + rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                written.addAll(randomArticle(k, rnd, "a" + i));
            }
            awaitEmbeddings(k);
            for (int r = 0; r < 6; r++) {
                checkSemantic(k, randomViewer(rnd), written, randomQuery(rnd, written), rnd);
            }
        }
    }

    private static void checkSemantic(KnowledgeBase k, ViewerContext viewer, List<Written> written, String query,
                                      Random rnd) {
        Map<String, List<Written>> visible = new LinkedHashMap<>();
        Set<String> allowedWords = new HashSet<>();
        for (Written w : written) {
            if (w.published() && w.visibility().isVisibleTo(viewer)) {
                visible.computeIfAbsent(w.id(), x -> new ArrayList<>()).add(w);
                allowedWords.addAll(words(w.title() + " " + w.body()));
            }
        }
        allowedWords.addAll(words("Help General Billing Tech t1 t2"));
        String context = "viewer " + viewer + " query \"" + query + "\"";
        long browse = k.search(viewer, SearchRequest.builder("").limit(100).exactTotal(true).build()).totalHits();
        for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
            String ctx = mode + ", " + context;
            SearchResponse r = k.search(viewer, SearchRequest.builder(query).limit(100).facets(Facet.values())
                    .mode(mode).build());
            assertThat(r.totalHits()).as(ctx).isLessThanOrEqualTo(browse);
            assertThat(r.hits()).as(ctx).hasSize((int) r.totalHits());
            Set<String> seen = new HashSet<>();
            for (SearchHit h : r.hits()) {
                String id = h.articleId().value();
                assertThat(visible).as(ctx).containsKey(id);
                assertThat(seen.add(id)).as("one hit per article: " + ctx).isTrue();
                Written w = visible.get(id).stream().filter(x -> x.locale().equals(h.locale())).findFirst()
                        .orElse(null);
                assertThat(w).as("hit in a published locale: " + ctx).isNotNull();
                assertThat(h.title()).isEqualTo(w.title());
                assertThat(allowedWords).as("snippet words: " + ctx).containsAll(words(h.snippet()));
            }
            for (Facet f : List.of(Facet.TYPE, Facet.LOCALE)) {
                assertThat(r.facet(f).stream().mapToLong(FacetCount::count).sum()).as(f + " counts: " + ctx)
                        .isEqualTo(r.totalHits());
            }
        }
        int limit = 1 + rnd.nextInt(4);
        assertThat(k.passages(viewer, query, limit)).as("k visible passages: " + context)
                .hasSize((int) Math.min(limit, browse));
        List<Passage> all = k.passages(viewer, query, 100);
        assertThat(all).as("every visible passage: " + context).hasSize((int) browse);
        for (Passage p : all) {
            String id = p.articleId().value();
            assertThat(visible).as("passage: " + context).containsKey(id);
            Written w = visible.get(id).stream().filter(x -> x.locale().equals(p.locale())).findFirst().orElse(null);
            assertThat(w).as("passage in a published locale: " + context).isNotNull();
            assertThat(p.title()).isEqualTo(w.title());
            assertThat(allowedWords).as("passage words: " + context).containsAll(words(p.text()));
        }
        assertThat(all.stream().map(p -> p.articleId().value()).distinct().count()).isEqualTo(all.size());
    }

    /** The twins probe on semantic and hybrid searches and passages. */
    @Property(tries = 15)
    void semanticTwinsDifferingOnlyInContentTheViewerMayNotRead_giveIdenticalAnswers(@ForAll long seed) {
        if (engineFactory(new HashingEmbedder()) == null) {
            return; // declared: no semantic search
        }
        HiddenContentTwins.check(seed, clock -> newSemanticKnowledgeBase(clock, StalePolicy.HIDE_FROM_EXTERNAL), true);
    }

    // ------------------------------------------------------------------ twins

    /**
     * Twins that differ only in content the viewer may not read give identical answers: hits, order, scores,
     * totals, facets, did-you-mean, autocomplete, related articles and agent assist ({@link HiddenContentTwins}).
     */
    @Property(tries = 25)
    void twinsDifferingOnlyInContentTheViewerMayNotRead_giveIdenticalAnswers(@ForAll long seed) {
        HiddenContentTwins.check(seed, clock -> newKnowledgeBase(clock, StalePolicy.HIDE_FROM_EXTERNAL));
    }

    // ------------------------------------------------------------------ exact counts

    /** Words unique to a group of articles (in every title of the group), far apart in spelling from all others. */
    private static final List<String> GROUP_WORDS = List.of("kwbvjhmt", "pxgdrfln", "cyzqstwk");
    private static final Locale FR_CA = Locale.forLanguageTag("fr-CA");
    /** A word in the body of every translation of one locale: finds the articles matched in that locale. */
    private static final Map<Locale, String> LOCALE_WORDS = Map.of(EN, "mjfrtvbq", FR, "hdnwxgpc", FR_CA, "tqlzkmyr");
    /** A word only pending drafts, archived or unpublished translations hold: no viewer finds it. */
    private static final String DRAFT_WORD = "bgwhpnxd";
    private static final List<String> CATEGORIES = List.of("Help > Billing", "Help > Tech", "Guides > Setup");
    private static final List<ArticleType> TYPES = List.of(ArticleType.FAQ, ArticleType.HOW_TO,
            ArticleType.TROUBLESHOOTING);

    @Property(tries = 30)
    void totalsHitsAndEveryFacetCount_equalTheOraclesExactCounts(@ForAll long seed) {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
        boolean hideStale = rnd.nextBoolean();
        try (KnowledgeBase k = newKnowledgeBase(clock, hideStale ? StalePolicy.HIDE_FROM_EXTERNAL
                : StalePolicy.FLAG)) {
            int n = 3 + rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                exactCountArticle(k, rnd, "x" + i);
            }
            k.refresh();
            // Some review dates (1 day) pass; others (30 days, or none) do not.
            clock.advance(Duration.ofDays(2));
            List<Article> articles = k.articleIds().stream().map(id -> k.article(ADMIN, id)).toList();
            VisibilityOracle oracle = new VisibilityOracle(articles, EN, hideStale, clock.instant());
            Map<String, Set<String>> published = publishedWords(k, articles);
            int viewers = Boolean.getBoolean("savoir.full") ? 20 : 4;
            for (int v = 0; v < viewers; v++) {
                ViewerContext viewer = randomViewer(rnd);
                String ctx = "seed " + seed + (hideStale ? " (stale hidden)" : "") + ", viewer " + viewer;
                for (String g : GROUP_WORDS) {
                    BiPredicate<Article, Locale> hasG = containsWord(published, g);
                    checkExact(k, oracle, viewer, SearchRequest.builder(g), hasG, ctx);
                    // And one of: an exclusion, a category subtree, a tag, a type.
                    switch (rnd.nextInt(4)) {
                        case 0 -> {
                            String l = LOCALE_WORDS.get(List.of(EN, FR, FR_CA).get(rnd.nextInt(3)));
                            checkExact(k, oracle, viewer, SearchRequest.builder(g + " -" + l),
                                    hasG.and(containsWord(published, l).negate()), ctx);
                        }
                        case 1 -> checkExact(k, oracle, viewer, SearchRequest.builder(g).category("Help"),
                                hasG.and((a, loc) -> a.category().isWithin(CategoryPath.of("Help"))), ctx);
                        case 2 -> checkExact(k, oracle, viewer, SearchRequest.builder(g).tags("t1"),
                                hasG.and((a, loc) -> a.tags().contains("t1")), ctx);
                        default -> {
                            ArticleType type = TYPES.get(rnd.nextInt(TYPES.size()));
                            checkExact(k, oracle, viewer, SearchRequest.builder(g).types(type),
                                    hasG.and((a, loc) -> a.type().equals(type)), ctx);
                        }
                    }
                }
                for (String l : LOCALE_WORDS.values()) {
                    checkExact(k, oracle, viewer, SearchRequest.builder(l), containsWord(published, l), ctx);
                }
                checkExact(k, oracle, viewer, SearchRequest.builder(DRAFT_WORD), (a, loc) -> false, ctx);
            }
        }
    }

    /** The words of each live translation's published revision ("id/locale"), as the test wrote them. */
    private static Map<String, Set<String>> publishedWords(KnowledgeBase k, List<Article> articles) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        for (Article a : articles) {
            for (dev.savoir.kb.Translation t : a.translations().values()) {
                if (t.publishedRevision() != null) {
                    Revision r = k.revision(ADMIN, a.id(), t.locale(), t.publishedRevision());
                    out.put(a.id().value() + "/" + t.locale().toLanguageTag(),
                            words(r.content().title() + " " + r.content().body()));
                }
            }
        }
        return out;
    }

    /** Whether the published revision of the article's translation holds the word. */
    private static BiPredicate<Article, Locale> containsWord(Map<String, Set<String>> published, String word) {
        return (a, locale) -> published.getOrDefault(a.id().value() + "/" + locale.toLanguageTag(), Set.of())
                .contains(word);
    }

    private static void checkExact(KnowledgeBase k, VisibilityOracle oracle, ViewerContext viewer,
                                   SearchRequest.Builder request, BiPredicate<Article, Locale> matches, String ctx) {
        SearchRequest faceted = request.limit(100).facets(Facet.values()).build();
        String context = ctx + ", query \"" + faceted.query() + "\" " + faceted.categories() + faceted.tags()
                + faceted.types();
        VisibilityOracle.Expected expected = oracle.expected(viewer, matches);
        VisibilityOracle.assertMatches(k.search(viewer, faceted), expected, context);
        SearchRequest plain = new SearchRequest(faceted.query(), 0, 10, false, faceted.categories(), faceted.tags(),
                faceted.types(), faceted.attributes(), null, null, Set.of(), false, false);
        VisibilityOracle.assertTotal(k.search(viewer, plain), expected, context + " (no facets)");
    }

    private static void exactCountArticle(KnowledgeBase k, Random rnd, String id) {
        String group = GROUP_WORDS.get(rnd.nextInt(GROUP_WORDS.size()));
        Visibility vis = switch (rnd.nextInt(4)) {
            case 0 -> Visibility.PUBLIC;
            case 1 -> Visibility.INTERNAL;
            case 2 -> Visibility.segments(SEGMENTS.get(rnd.nextInt(SEGMENTS.size())));
            default -> Visibility.segments(SEGMENTS.get(0), SEGMENTS.get(1 + rnd.nextInt(2)));
        };
        List<String> tags = new ArrayList<>();
        for (String t : List.of("t1", "t2", "t3")) {
            if (rnd.nextInt(2) == 0) {
                tags.add(t);
            }
        }
        ArticleId aid = ArticleId.of(id);
        List<Locale> locales = new ArrayList<>(LOCALES);
        java.util.Collections.shuffle(locales, rnd);
        int count = 1 + rnd.nextInt(locales.size());
        for (int li = 0; li < count; li++) {
            Locale l = locales.get(li);
            String title = "Guide " + group + " " + VOCABULARY.get(rnd.nextInt(VOCABULARY.size()));
            String body = VOCABULARY.get(rnd.nextInt(VOCABULARY.size())) + " " + LOCALE_WORDS.get(l) + " "
                    + VOCABULARY.get(rnd.nextInt(VOCABULARY.size()));
            int rev;
            if (li == 0) {
                NewArticle.Builder b = NewArticle.builder(id).category(CATEGORIES.get(rnd.nextInt(CATEGORIES.size())))
                        .type(TYPES.get(rnd.nextInt(TYPES.size()))).visibility(vis).locale(l).title(title)
                        .body(body).tags(tags.toArray(String[]::new));
                switch (rnd.nextInt(3)) {
                    case 0 -> b.reviewInterval(Duration.ofDays(1));
                    case 1 -> b.reviewInterval(Duration.ofDays(30));
                    default -> {
                        // no review date
                    }
                }
                k.create(ADMIN, b.build());
                rev = 1;
            } else {
                rev = k.addTranslation(ADMIN, aid, l, ArticleContent.of(title, body), 1, "").number();
            }
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    // never published: a draft holding the draft word
                    k.edit(ADMIN, aid, l, rev, ArticleContent.of(title + " " + DRAFT_WORD, body), "");
                }
                case 1 -> {
                    // published, then a pending draft that holds the draft word and drops the locale word
                    k.publish(ADMIN, aid, l, rev);
                    k.edit(ADMIN, aid, l, rev, ArticleContent.of(title + " " + DRAFT_WORD, DRAFT_WORD), "");
                }
                case 2 -> {
                    k.publish(ADMIN, aid, l, rev);
                    k.archive(ADMIN, aid, l);
                }
                case 3 -> {
                    k.publish(ADMIN, aid, l, rev);
                    k.unpublish(ADMIN, aid, l);
                }
                default -> k.publish(ADMIN, aid, l, rev);
            }
        }
    }
}
