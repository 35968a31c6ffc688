package dev.savoir.kb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleView;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.MetadataChange;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.Translation;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.tck.VisibilityOracle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The visibility property of the search conformance kit ({@code SearchEngineContract}), at scale and through every
 * read path of a knowledge base with the Lucene engine and the Markdown renderer: search hits, snippets, facets,
 * did-you-mean, autocomplete, related articles, agent assist, {@code read} and {@code render} (internal links
 * included).
 *
 * <p>Each random world has articles with random visibility (public, internal, segments), one to three translations
 * and a random fate: published, published then edited (a pending draft), unpublished, archived, never published, or
 * made internal / moved to a segment after other public articles linked to it. Every title and body carries words
 * unique to that revision ({@code zq......}). The oracle is the store itself: for each viewer, the marker words it
 * may see are those of the live published revisions of the articles visible to it; any other marker in any output
 * is a leak. A case is one (article, viewer, query) triple; the default run adds random worlds until 2,000 cases
 * were checked, {@code -Dsavoir.full=true} until 100,000.
 */
class VisibilityAtScaleTest {
    private static final Actor ADMIN = Actor.of("vis-admin", Role.ADMIN);
    private static final List<String> VOCABULARY = List.of("account", "billing", "invoice", "password", "router",
            "printer", "refund", "shipping", "delivery", "mobile", "screen", "email");
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("fr-CA"));
    private static final List<String> SEGMENTS = List.of("gold", "silver", "bronze");
    private static final Pattern MARKER = Pattern.compile("zq[a-z]{6}");
    /** A word in every title of one group of articles (far apart in spelling): queries the oracle counts exactly. */
    private static final List<String> GROUP_WORDS = List.of("kwbvjhmt", "pxgdrfln", "fjtnwhvb");
    private static final LinkResolver URLS = (id, locale) -> "/help/" + locale.toLanguageTag() + "/art-" + id.value();

    private static final boolean FULL = Boolean.getBoolean("savoir.full");
    /** Random worlds are added until this many cases were checked. */
    private static final long TARGET_CASES = FULL ? 100_000 : 2_000;
    private static final int VIEWERS = FULL ? 14 : 6;
    private static final int QUERIES = FULL ? 10 : 4;

    private final Set<String> typedByPublic = new HashSet<>();
    private long cases;
    private long pathChecks;
    private long exactChecks;

    @Test
    void noReadPath_everRevealsAnArticleRevisionOrLinkTheViewerMayNotSee() {
        long seed = Long.getLong("savoir.seed", System.nanoTime());
        Random rnd = new Random(seed);
        long started = System.nanoTime();
        int worlds = 0;
        while (cases < TARGET_CASES) {
            long worldSeed = rnd.nextLong();
            runWorld(new Random(worldSeed), "world " + worlds + " (seed " + worldSeed + ")");
            worlds++;
        }
        System.out.printf("VISIBILITY worlds=%d cases=%d read_path_checks=%d exact_count_checks=%d leaks=0 "
                + "seconds=%.1f seed=%d%n", worlds, cases, pathChecks, exactChecks,
                (System.nanoTime() - started) / 1e9, seed);
        assertThat(pathChecks).as("read paths checked").isGreaterThan(cases / 2);
        assertThat(exactChecks).as("exact totals and facet counts checked").isGreaterThan(worlds);
    }

    @Test
    void render_publicArticleLinkingToAnArticleLaterMadeInternal_revealsNeitherItsTitleNorItsUrl() {
        try (KnowledgeBase kb = newKb()) {
            create(kb, "secret-target", Visibility.PUBLIC, "Zqsecret pricing overrides", "Internal body zqhidden.");
            kb.publish(ADMIN, ArticleId.of("secret-target"), Locale.ENGLISH, 1);
            create(kb, "public-page", Visibility.PUBLIC, "Public page",
                    "See [the overrides](kb:secret-target), [](kb:secret-target), <kb:secret-target>, "
                            + "[ref][r] and [anchor](kb:secret-target#steps).\n\n[r]: kb:secret-target\n");
            kb.publish(ADMIN, ArticleId.of("public-page"), Locale.ENGLISH, 1);
            Article target = kb.article(ADMIN, ArticleId.of("secret-target"));
            kb.updateMetadata(ADMIN, target.id(), target.version(),
                    MetadataChange.none().withVisibility(Visibility.INTERNAL));

            String customerHtml = kb.render(ViewerContext.external(Locale.ENGLISH), ArticleId.of("public-page"))
                    .orElseThrow().html().html();
            assertThat(customerHtml).doesNotContainIgnoringCase("zqsecret").doesNotContain("zqhidden")
                    .doesNotContain("art-secret-target").doesNotContain("href").contains("the overrides");
            String agentHtml = kb.render(ViewerContext.internal(Locale.ENGLISH), ArticleId.of("public-page"))
                    .orElseThrow().html().html();
            assertThat(agentHtml).as("the agent may follow the link").contains("/help/en/art-secret-target");
        }
    }

    // ------------------------------------------------------------------ the world

    /** One revision of one translation and whether readers may see it (per the store, after all changes). */
    private record Written(String id, Locale locale, int revision, String title, String body) {
    }

    private static KnowledgeBase newKb() {
        return KnowledgeBase.builder().inMemory().searchEngine(LuceneSearchEngine.factory())
                .renderer(MarkdownRenderer.create()).linkResolver(URLS).requireReview(false)
                .schedulerInterval(Duration.ZERO).build();
    }

    private static void create(KnowledgeBase kb, String id, Visibility vis, String title, String body) {
        kb.create(ADMIN, NewArticle.builder(id).category("Help > General").visibility(vis).title(title).body(body)
                .build());
    }

    private static String marker(Random rnd) {
        StringBuilder sb = new StringBuilder("zq");
        for (int i = 0; i < 6; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private static String group(String id) {
        return GROUP_WORDS.get(Integer.parseInt(id.substring(1)) % GROUP_WORDS.size());
    }

    private static String text(Random rnd, int words) {
        StringBuilder sb = new StringBuilder(marker(rnd));
        for (int i = 1; i < words; i++) {
            sb.append(' ').append(rnd.nextInt(3) == 0 ? marker(rnd) : VOCABULARY.get(rnd.nextInt(VOCABULARY.size())));
        }
        return sb.toString();
    }

    private static Visibility randomVisibility(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0, 1 -> Visibility.PUBLIC;
            case 2 -> Visibility.INTERNAL;
            default -> Visibility.segments(SEGMENTS.get(rnd.nextInt(SEGMENTS.size())));
        };
    }

    private void runWorld(Random rnd, String context) {
        typedByPublic.clear();
        try (KnowledgeBase kb = newKb()) {
            int n = 8 + rnd.nextInt(18);
            List<String> ids = new ArrayList<>();
            List<Written> written = new ArrayList<>();
            // 1. Every article public and published at first, so that any may be linked to.
            for (int i = 0; i < n; i++) {
                String id = "v" + i;
                ids.add(id);
                List<Locale> locales = new ArrayList<>(LOCALES);
                Collections.shuffle(locales, rnd);
                int count = 1 + rnd.nextInt(locales.size());
                for (int li = 0; li < count; li++) {
                    Locale l = locales.get(li);
                    String title = text(rnd, 2 + rnd.nextInt(3)) + " " + group(id);
                    String body = text(rnd, 5 + rnd.nextInt(15));
                    if (li == 0) {
                        kb.create(ADMIN, NewArticle.builder(id).category(rnd.nextBoolean() ? "Help > Billing"
                                : "Help > Tech").visibility(Visibility.PUBLIC).locale(l).title(title).body(body)
                                .tags(rnd.nextBoolean() ? "t1" : "t2").build());
                    } else {
                        kb.addTranslation(ADMIN, ArticleId.of(id), l, ArticleContent.of(title, body), 1, "");
                    }
                    written.add(new Written(id, l, 1, title, body));
                    kb.publish(ADMIN, ArticleId.of(id), l, 1);
                }
            }
            // 2. Some translations link to other articles (allowed now: everything is public and live).
            for (String id : ids) {
                Article a = kb.article(ADMIN, ArticleId.of(id));
                for (Translation t : a.translations().values()) {
                    if (rnd.nextInt(3) != 0) {
                        continue;
                    }
                    String target = ids.get(rnd.nextInt(ids.size()));
                    String title = text(rnd, 3) + " " + group(id);
                    String body = text(rnd, 6) + "\n\nSee [" + text(rnd, 1) + "](kb:" + target + "), [](kb:" + target
                            + ") and <kb:" + target + ">.\n";
                    int rev = kb.edit(ADMIN, a.id(), t.locale(), t.latestRevision(), ArticleContent.of(title, body),
                            "links").number();
                    kb.publish(ADMIN, a.id(), t.locale(), rev);
                    written.add(new Written(id, t.locale(), rev, title, body));
                }
            }
            // 3. Random fates: visibility changes after being linked to, drafts, unpublishing, archiving.
            for (String id : ids) {
                ArticleId aid = ArticleId.of(id);
                Article a = kb.article(ADMIN, aid);
                Visibility vis = randomVisibility(rnd);
                if (!vis.equals(Visibility.PUBLIC)) {
                    kb.updateMetadata(ADMIN, aid, a.version(), MetadataChange.none().withVisibility(vis));
                }
                for (Translation t : kb.article(ADMIN, aid).translations().values()) {
                    switch (rnd.nextInt(6)) {
                        case 0 -> {
                            String title = text(rnd, 3) + " " + group(id);
                            String body = text(rnd, 8);
                            int rev = kb.edit(ADMIN, aid, t.locale(), t.latestRevision(),
                                    ArticleContent.of(title, body), "draft").number();
                            written.add(new Written(id, t.locale(), rev, title, body));
                        }
                        case 1 -> kb.unpublish(ADMIN, aid, t.locale());
                        case 2 -> kb.archive(ADMIN, aid, t.locale());
                        default -> {
                            // stays published
                        }
                    }
                }
            }
            kb.refresh();
            Map<String, Article> articles = new HashMap<>();
            for (String id : ids) {
                articles.put(id, kb.article(ADMIN, ArticleId.of(id)));
            }
            for (int v = 0; v < VIEWERS; v++) {
                ViewerContext viewer = randomViewer(rnd);
                Oracle oracle = new Oracle(viewer, articles, written);
                checkReadsAndRenders(kb, viewer, oracle, ids, context);
                checkExactCounts(kb, viewer, new VisibilityOracle(articles.values(), Locale.ENGLISH, false,
                        java.time.Instant.now()), rnd, context);
                for (int q = 0; q < QUERIES; q++) {
                    checkSearchPaths(kb, viewer, oracle, randomQuery(rnd, written), ids, rnd, context);
                    cases += n;
                }
            }
        }
    }

    /** What one viewer may see, computed from the store's state after all changes. */
    private static final class Oracle {
        final Set<String> visibleIds = new HashSet<>();
        final Map<String, Set<Locale>> liveLocales = new HashMap<>();
        final Set<String> allowedMarkers = new HashSet<>();
        final Set<String> allowedWords = new HashSet<>();
        final Set<String> allowedTitles = new HashSet<>();
        final Map<String, String> publishedTitle = new HashMap<>();

        Oracle(ViewerContext viewer, Map<String, Article> articles, List<Written> written) {
            for (Article a : articles.values()) {
                if (!a.visibility().isVisibleTo(viewer)) {
                    continue;
                }
                for (Translation t : a.translations().values()) {
                    if (t.isLive() && t.publishedRevision() != null) {
                        visibleIds.add(a.id().value());
                        liveLocales.computeIfAbsent(a.id().value(), x -> new HashSet<>()).add(t.locale());
                    }
                }
            }
            for (Written w : written) {
                Article a = articles.get(w.id());
                Translation t = a.translations().get(w.locale());
                if (visibleIds.contains(w.id()) && t.isLive() && t.publishedRevision() != null
                        && t.publishedRevision() == w.revision()) {
                    allowedMarkers.addAll(markers(w.title() + " " + w.body()));
                    allowedWords.addAll(words(w.title() + " " + w.body()));
                    allowedTitles.add(w.title());
                    publishedTitle.put(w.id() + "/" + w.locale().toLanguageTag(), w.title());
                }
            }
            allowedWords.addAll(words("Help General Billing Tech t1 t2 See and"));
        }
    }

    private static Set<String> markers(String s) {
        Set<String> out = new HashSet<>();
        Matcher m = MARKER.matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
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

    private static ViewerContext randomViewer(Random rnd) {
        Locale l = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("fr-CA"), Locale.GERMAN)
                .get(rnd.nextInt(4));
        if (rnd.nextInt(4) == 0) {
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
            if (kind == 0) {
                words.add(VOCABULARY.get(rnd.nextInt(VOCABULARY.size())));
            } else {
                Written w = written.get(rnd.nextInt(written.size()));
                String[] ws = (w.title() + " " + w.body()).split("[^\\p{L}\\p{N}]+");
                String word = ws[rnd.nextInt(ws.length)];
                if (kind == 3 && word.length() > 4) {
                    word = word.substring(0, word.length() - 1) + "x";
                }
                words.add(word);
            }
        }
        return String.join(" ", words).strip();
    }

    private void noLeak(Oracle o, String output, String path, String context) {
        pathChecks++;
        Set<String> seen = markers(output);
        seen.removeAll(o.allowedMarkers);
        assertThat(seen).as("%s: %s leaks marker words of revisions the viewer may not see in %s", context, path,
                output).isEmpty();
    }

    private void checkReadsAndRenders(KnowledgeBase kb, ViewerContext viewer, Oracle o, List<String> ids,
                                      String context) {
        String ctx = context + ", viewer " + viewer;
        for (String id : ids) {
            Optional<ArticleView> view = kb.read(viewer, ArticleId.of(id));
            pathChecks++;
            if (!o.visibleIds.contains(id)) {
                assertThat(view).as("%s: read of invisible %s", ctx, id).isEmpty();
                assertThat(kb.render(viewer, ArticleId.of(id))).as("%s: render of invisible %s", ctx, id).isEmpty();
                continue;
            }
            if (view.isEmpty()) {
                continue; // visible, but not in this viewer's locale chain
            }
            ArticleView v = view.get();
            assertThat(o.liveLocales.get(id)).as("%s: read %s in a live locale", ctx, id).contains(v.locale());
            assertThat(v.content().title()).as("%s: read %s gives the published revision", ctx, id)
                    .isEqualTo(o.publishedTitle.get(id + "/" + v.locale().toLanguageTag()));
            noLeak(o, v.content().title() + " " + v.content().body(), "read", ctx);
            RenderedArticle r = kb.render(viewer, ArticleId.of(id)).orElseThrow();
            String html = r.html().html();
            noLeak(o, html, "render", ctx);
            for (String target : ids) {
                if (!o.visibleIds.contains(target)) {
                    for (Locale l : LOCALES) {
                        assertThat(html).as("%s: rendered %s links to invisible %s", ctx, id, target)
                                .doesNotContain("\"" + URLS.urlFor(ArticleId.of(target), l) + "\"");
                    }
                }
            }
        }
    }

    /**
     * Totals, hits and every facet count equal the oracle's exact answer, for each group word alone, with a
     * category or tag filter, and with another group's word excluded.
     */
    private void checkExactCounts(KnowledgeBase kb, ViewerContext viewer, VisibilityOracle oracle, Random rnd,
                                  String context) {
        for (String g : GROUP_WORDS) {
            String other = GROUP_WORDS.get(rnd.nextInt(GROUP_WORDS.size()));
            String category = rnd.nextBoolean() ? "Help > Billing" : "Help > Tech";
            String tag = rnd.nextBoolean() ? "t1" : "t2";
            exact(kb, viewer, oracle, SearchRequest.builder(g), holds(kb, g), context);
            exact(kb, viewer, oracle, SearchRequest.builder(g).category(category), holds(kb, g).and((a, l) ->
                    a.category().toString().equals(category)), context);
            exact(kb, viewer, oracle, SearchRequest.builder(g).tags(tag), holds(kb, g).and((a, l) ->
                    a.tags().contains(tag)), context);
            exact(kb, viewer, oracle, SearchRequest.builder(g + " -" + other), holds(kb, g).and(holds(kb, other)
                    .negate()), context);
        }
    }

    /** Whether the published revision of the article's translation in the locale holds the word. */
    private static java.util.function.BiPredicate<Article, Locale> holds(KnowledgeBase kb, String word) {
        return (a, locale) -> {
            Revision r = kb.revision(ADMIN, a.id(), locale, a.translations().get(locale).publishedRevision());
            return words(r.content().title() + " " + r.content().body()).contains(word);
        };
    }

    private void exact(KnowledgeBase kb, ViewerContext viewer, VisibilityOracle oracle, SearchRequest.Builder b,
                       java.util.function.BiPredicate<Article, Locale> matches, String context) {
        SearchRequest request = b.limit(100).facets(Facet.values()).build();
        String ctx = context + ", viewer " + viewer + ", query \"" + request.query() + "\" " + request.categories()
                + request.tags();
        VisibilityOracle.Expected expected = oracle.expected(viewer, matches);
        if (!viewer.internal() && viewer.segments().isEmpty()) {
            typedByPublic.add(request.query().toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "));
        }
        VisibilityOracle.assertMatches(kb.search(viewer, request), expected, ctx);
        SearchRequest plain = new SearchRequest(request.query(), 0, 10, false, request.categories(), request.tags(),
                request.types(), request.attributes(), null, null, Set.of(), false, false);
        VisibilityOracle.assertTotal(kb.search(viewer, plain), expected, ctx + " (no facets)");
        exactChecks++;
    }

    private void checkSearchPaths(KnowledgeBase kb, ViewerContext viewer, Oracle o, String query, List<String> ids,
                                  Random rnd, String context) {
        String ctx = context + ", viewer " + viewer + ", query \"" + query + "\"";
        SearchResponse r = kb.search(viewer, SearchRequest.builder(query).limit(100).facets(Facet.values()).build());
        pathChecks++;
        assertThat(r.totalHits()).as(ctx).isLessThanOrEqualTo(o.visibleIds.size());
        Set<String> seen = new HashSet<>();
        for (SearchHit h : r.hits()) {
            String id = h.articleId().value();
            assertThat(o.visibleIds).as("hit: " + ctx).contains(id);
            assertThat(seen.add(id)).as("one hit per article: " + ctx).isTrue();
            assertThat(h.draft()).isFalse();
            assertThat(h.title()).as("hit title: " + ctx)
                    .isEqualTo(o.publishedTitle.get(id + "/" + h.locale().toLanguageTag()));
            noLeak(o, h.title() + " " + h.snippet() + " " + h.highlights(), "search hit", ctx);
            assertThat(o.allowedWords).as("snippet words: " + ctx).containsAll(words(h.snippet()));
        }
        for (Facet f : Facet.values()) {
            long sum = 0;
            for (FacetCount c : r.facet(f)) {
                assertThat(c.count()).as(ctx).isLessThanOrEqualTo(o.visibleIds.size());
                noLeak(o, c.toString(), "facet", ctx);
                sum += c.count();
            }
            if (f == Facet.TYPE || f == Facet.LOCALE) {
                assertThat(sum).as(f + " counts add up to the total: " + ctx).isEqualTo(r.totalHits());
            }
        }
        if (r.didYouMean() != null) {
            Set<String> allowedOrTyped = new HashSet<>(o.allowedWords);
            allowedOrTyped.addAll(words(query));
            assertThat(allowedOrTyped).as("did-you-mean: " + ctx).containsAll(words(r.didYouMean()));
        }
        if (!viewer.internal() && viewer.segments().isEmpty()) {
            typedByPublic.add(query.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " "));
        }
        String prefix = query.length() > 3 ? query.substring(0, 3 + rnd.nextInt(query.length() - 3)) : query;
        for (Suggestion s : kb.autocomplete(viewer, prefix, 10)) {
            pathChecks++;
            if (s.articleId() != null) {
                assertThat(o.allowedTitles).as("autocomplete: " + ctx).contains(s.text());
                assertThat(o.visibleIds).as("autocomplete: " + ctx).contains(s.articleId().value());
            } else {
                assertThat(typedByPublic).as("a popular query was typed by public viewers: " + ctx)
                        .contains(s.text());
            }
        }
        for (int i = 0; i < 3; i++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            List<SearchHit> related = kb.related(viewer, ArticleId.of(id), 10);
            pathChecks++;
            if (!o.visibleIds.contains(id)) {
                assertThat(related).as("related of an invisible article: " + ctx).isEmpty();
            }
            for (SearchHit h : related) {
                assertThat(o.visibleIds).as("related: " + ctx).contains(h.articleId().value());
                noLeak(o, h.title() + " " + h.snippet(), "related", ctx);
            }
        }
        for (AssistHit a : kb.suggestForTicket(viewer, query, query + " " + query, 10)) {
            pathChecks++;
            assertThat(o.visibleIds).as("assist: " + ctx).contains(a.hit().articleId().value());
            noLeak(o, a.hit().title() + " " + a.hit().snippet(), "agent assist", ctx);
            for (String m : a.matchedTerms()) {
                assertThat(words(query)).as("assist terms are the ticket's own words: " + ctx).containsAll(words(m));
            }
        }
    }
}
