package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
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
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The visibility probes of the search engine conformance kit, run by {@link SearchEngineContract}'s properties and by
 * any test that builds the knowledge base under test otherwise (a node whose index follows a shared store's feed):
 * {@link #leaks} (nothing a viewer may not see shows in any answer) and {@link #exactCounts} (totals, hits and
 * facet counts equal the {@link VisibilityOracle}'s exact answer). Each writes through one knowledge base and checks
 * the answers of a reader of it: the writer itself, or another knowledge base on the same store that the probe
 * closes when done.
 */
public final class VisibilityProbes {
    private static final Actor ADMIN = Actor.of("tck-admin", Role.ADMIN);
    private static final Locale EN = Locale.ENGLISH;
    private static final Locale FR = Locale.FRENCH;

    private VisibilityProbes() {
    }

    private static final List<String> VOCABULARY = List.of("account", "billing", "invoice", "password", "router",
            "printer", "refund", "shipping", "delivery", "mobile", "screen", "email");
    private static final List<Locale> LOCALES = List.of(EN, FR, Locale.forLanguageTag("fr-CA"));
    private static final List<String> SEGMENTS = List.of("gold", "silver", "bronze");

    /** What one published or draft revision says, for the oracle. */
    private record Written(String id, Locale locale, Visibility visibility, boolean published, String title,
                           String body) {
    }

    /**
     * The leak probe for one seed: random articles (visibility, segments, state, locales) written through a
     * knowledge base from {@code open}, then random viewers and queries on {@code reader} of it: no hit, snippet,
     * count, facet, suggestion, related article or agent assist result reveals anything the viewer may not see.
     */
    public static void leaks(long seed, Supplier<KnowledgeBase> open, UnaryOperator<KnowledgeBase> reader) {
        Random rnd = new Random(seed);
        Set<String> typedByPublic = new HashSet<>();
        List<Written> written = new ArrayList<>();
        try (KnowledgeBase k = open.get()) {
            int n = 2 + rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                written.addAll(randomArticle(k, rnd, "a" + i));
            }
            k.refresh();
            KnowledgeBase read = reader.apply(k);
            try {
                int rounds = Boolean.getBoolean("savoir.full") ? 40 : 8;
                for (int r = 0; r < rounds; r++) {
                    ViewerContext viewer = randomViewer(rnd);
                    checkViewer(read, viewer, written, randomQuery(rnd, written), rnd, typedByPublic);
                }
            } finally {
                if (read != k) {
                    read.close();
                }
            }
        }
    }

    /**
     * The leak probe on semantic and hybrid searches and passages for one seed, with exact counts: the kNN search is
     * filtered inside, so asking for k passages gives k whenever the viewer may see that many (every article of this
     * probe has one passage per translation, and a viewer sees one translation per article). {@code open} gives a
     * knowledge base with an embedding model.
     */
    public static void semanticLeaks(long seed, Supplier<KnowledgeBase> open) {
        Random rnd = new Random(seed);
        List<Written> written = new ArrayList<>();
        try (KnowledgeBase k = open.get()) {
            int n = 2 + rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                written.addAll(randomArticle(k, rnd, "a" + i));
            }
            SearchEngineContract.awaitEmbeddings(k);
            for (int r = 0; r < 6; r++) {
                checkSemantic(k, randomViewer(rnd), written, randomQuery(rnd, written), rnd);
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

    private static void checkViewer(KnowledgeBase k, ViewerContext viewer, List<Written> written, String query,
                                    Random rnd, Set<String> typedByPublic) {
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

    /**
     * The exact-count probe for one seed: articles whose matching sets the probe knows exactly (words unique to groups
     * of articles, exclusions, filters), written through a knowledge base from {@code open} on a test clock; every
     * total, hit set and facet count that {@code reader} of it answers equals the {@link VisibilityOracle}'s.
     */
    public static void exactCounts(long seed, BiFunction<Clock, StalePolicy, KnowledgeBase> open,
                                   UnaryOperator<KnowledgeBase> reader) {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
        boolean hideStale = rnd.nextBoolean();
        try (KnowledgeBase writer = open.apply(clock, hideStale ? StalePolicy.HIDE_FROM_EXTERNAL
                : StalePolicy.FLAG)) {
            int n = 3 + rnd.nextInt(10);
            for (int i = 0; i < n; i++) {
                exactCountArticle(writer, rnd, "x" + i);
            }
            writer.refresh();
            KnowledgeBase k = reader.apply(writer);
            try {
                exactCounts(seed, rnd, clock, hideStale, k);
            } finally {
                if (k != writer) {
                    k.close();
                }
            }
        }
    }

    private static void exactCounts(long seed, Random rnd, MutableClock clock, boolean hideStale, KnowledgeBase k) {
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
}
