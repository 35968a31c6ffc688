package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The twins probe of the search conformance kit: two knowledge bases with the same content a viewer may read, one
 * of them also holding content that viewer may not read (internal articles, articles of other segments, drafts
 * never published, pending drafts, archived translations, articles past their review date hidden as stale), written
 * in another order and over more refreshes. Every answer an external viewer gets must be identical in both: hits,
 * their order and scores, totals, facets, did-you-mean, autocomplete, related articles, agent assist. Hidden content
 * shares the public vocabulary, holds near-misspellings of it and words of its own, so that term statistics, typo
 * expansion and spelling suggestions would give it away if they counted it.
 */
public final class HiddenContentTwins {
    private static final Actor ADMIN = Actor.of("tck-twins", Role.ADMIN);
    private static final List<String> WORDS = List.of("account", "billing", "invoice", "password", "router",
            "printer", "refund", "shipping", "delivery", "mobile", "screen", "email", "facture", "livraison",
            "compte", "agututuv");
    /** Spelled a small edit away from public words: what a customer might type, and what hidden content holds. */
    private static final List<String> NEAR = List.of("pasword", "invoise", "agutituv", "shiping", "acount",
            "factures", "livraisons", "routers");
    /** Words only hidden content holds. */
    private static final List<String> HIDDEN_ONLY = List.of("zqmarkerone", "zqmarkertwo", "overridecode");
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private HiddenContentTwins() {
    }

    /** One public article, written the same way in both twins. */
    private record Public(String id, Locale locale, Visibility visibility, String title, String body, String tag) {
    }

    /**
     * Runs the probe for one seed; {@code open} opens a knowledge base on the shared clock, and the answers compared
     * are those of {@code reader} of each twin once it is written (the twin itself, or another knowledge base on the
     * same store, closed when done).
     */
    public static void check(long seed, Function<Clock, KnowledgeBase> open, UnaryOperator<KnowledgeBase> reader) {
        check(seed, open, reader, false);
    }

    /**
     * As {@link #check(long, Function, UnaryOperator)}; with {@code semantic}, the knowledge bases have an embedding
     * model and the probe compares semantic and hybrid searches and passages too, once every passage is embedded.
     */
    public static void check(long seed, Function<Clock, KnowledgeBase> open, UnaryOperator<KnowledgeBase> reader,
                             boolean semantic) {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        List<Public> published = new ArrayList<>();
        int n = 3 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            Visibility vis = rnd.nextInt(4) == 0 ? Visibility.segments("gold") : Visibility.PUBLIC;
            published.add(new Public("p" + i, LOCALES.get(rnd.nextInt(2)), vis, text(rnd, 2 + rnd.nextInt(3), false),
                    text(rnd, 4 + rnd.nextInt(30), false), rnd.nextBoolean() ? "t1" : "t2"));
        }
        try (KnowledgeBase plain = open.apply(clock); KnowledgeBase twin = open.apply(clock)) {
            for (Public p : published) {
                write(plain, p);
            }
            plain.refresh();
            // The twin: the same public articles in reverse order, hidden content written around them.
            for (int i = published.size() - 1; i >= 0; i--) {
                hidden(twin, rnd, "h" + i);
                write(twin, published.get(i));
                if (rnd.nextBoolean()) {
                    twin.refresh();
                }
            }
            hidden(twin, rnd, "h" + published.size());
            twin.refresh();
            if (semantic) {
                SearchEngineContract.awaitEmbeddings(plain);
                SearchEngineContract.awaitEmbeddings(twin);
            }
            clock.advance(Duration.ofDays(2));
            KnowledgeBase plainRead = reader.apply(plain);
            KnowledgeBase twinRead = reader.apply(twin);
            try {
                for (int v = 0; v < 4; v++) {
                    ViewerContext viewer = ViewerContext.external(LOCALES.get(rnd.nextInt(2)),
                            rnd.nextBoolean() ? new String[] {"gold"} : new String[0]);
                    for (int q = 0; q < 5; q++) {
                        String query = query(rnd, published);
                        String context = "seed " + seed + ", " + viewer;
                        compare(plainRead, twinRead, viewer, query, published, context);
                        if (semantic) {
                            compareSemantic(plainRead, twinRead, viewer, query, context);
                        }
                    }
                }
            } finally {
                for (KnowledgeBase[] pair : new KnowledgeBase[][] {{plainRead, plain}, {twinRead, twin}}) {
                    if (pair[0] != pair[1]) {
                        pair[0].close();
                    }
                }
            }
        }
    }

    private static void write(KnowledgeBase kb, Public p) {
        kb.create(ADMIN, NewArticle.builder(p.id()).category("Help > General").visibility(p.visibility())
                .locale(p.locale()).title(p.title()).body(p.body()).tags(p.tag()).build());
        kb.publish(ADMIN, ArticleId.of(p.id()), p.locale(), 1);
    }

    /** Content an external viewer without the {@code silver} segment may not read, in one of several forms. */
    private static void hidden(KnowledgeBase kb, Random rnd, String id) {
        Locale l = LOCALES.get(rnd.nextInt(2));
        String title = text(rnd, 2 + rnd.nextInt(3), true);
        String body = text(rnd, 5 + rnd.nextInt(40), true);
        NewArticle.Builder b = NewArticle.builder(id).category(rnd.nextBoolean() ? "Help > General" : "Secret")
                .locale(l).title(title).body(body).tags(rnd.nextBoolean() ? "t1" : "t3");
        ArticleId aid = ArticleId.of(id);
        switch (rnd.nextInt(6)) {
            case 0 -> {
                kb.create(ADMIN, b.visibility(Visibility.INTERNAL).build());
                kb.publish(ADMIN, aid, l, 1);
            }
            case 1 -> {
                kb.create(ADMIN, b.visibility(Visibility.segments("silver")).build());
                kb.publish(ADMIN, aid, l, 1);
            }
            case 2 -> kb.create(ADMIN, b.visibility(Visibility.PUBLIC).build());
            case 3 -> {
                kb.create(ADMIN, b.visibility(Visibility.PUBLIC).build());
                kb.publish(ADMIN, aid, l, 1);
                kb.archive(ADMIN, aid, l);
            }
            case 4 -> {
                // published, then replaced by an internal revision history: edited and republished twice
                kb.create(ADMIN, b.visibility(Visibility.INTERNAL).build());
                kb.publish(ADMIN, aid, l, 1);
                kb.edit(ADMIN, aid, l, 1, ArticleContent.of(text(rnd, 3, true), text(rnd, 20, true)), "");
                kb.publish(ADMIN, aid, l, 2);
                kb.edit(ADMIN, aid, l, 2, ArticleContent.of(text(rnd, 3, true), text(rnd, 9, true)), "");
            }
            default -> {
                // public, but past its review date once the clock moves: hidden from customers as stale
                kb.create(ADMIN, b.visibility(Visibility.PUBLIC).reviewInterval(Duration.ofDays(1)).build());
                kb.publish(ADMIN, aid, l, 1);
            }
        }
    }

    private static String text(Random rnd, int words, boolean hidden) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int k = rnd.nextInt(10);
            String w = hidden && k == 0 ? HIDDEN_ONLY.get(rnd.nextInt(HIDDEN_ONLY.size()))
                    : hidden && k < 4 ? NEAR.get(rnd.nextInt(NEAR.size())) : WORDS.get(rnd.nextInt(WORDS.size()));
            sb.append(w).append(' ');
        }
        return sb.toString().strip();
    }

    private static String query(Random rnd, List<Public> published) {
        List<String> words = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            words.add(switch (rnd.nextInt(4)) {
                case 0 -> NEAR.get(rnd.nextInt(NEAR.size()));
                case 1 -> HIDDEN_ONLY.get(rnd.nextInt(HIDDEN_ONLY.size()));
                case 2 -> {
                    String[] ws = published.get(rnd.nextInt(published.size())).body().split(" ");
                    yield ws[rnd.nextInt(ws.length)];
                }
                default -> WORDS.get(rnd.nextInt(WORDS.size()));
            });
        }
        return String.join(" ", words);
    }

    private static void compare(KnowledgeBase plain, KnowledgeBase twin, ViewerContext viewer, String query,
                                List<Public> published, String ctx) {
        String context = ctx + ", query \"" + query + "\"";
        for (SearchRequest r : List.of(
                SearchRequest.builder(query).limit(20).facets(Facet.values()).build(),
                SearchRequest.builder(query).limit(20).explain(true).build(),
                SearchRequest.builder(query).limit(3).tags("t1").build())) {
            SearchResponse a = plain.search(viewer, r);
            SearchResponse b = twin.search(viewer, r);
            assertThat(b.hits()).as("hits, order, scores: " + context).isEqualTo(a.hits());
            assertThat(b.totalHits()).as("total: " + context).isEqualTo(a.totalHits());
            assertThat(b.totalHitsExact()).as("total exact: " + context).isEqualTo(a.totalHitsExact());
            assertThat(b.didYouMean()).as("did-you-mean: " + context).isEqualTo(a.didYouMean());
            for (Facet f : Facet.values()) {
                assertThat(b.facet(f)).as(f + " facet: " + context).isEqualTo(a.facet(f));
            }
        }
        for (String prefix : Set.of(query.substring(0, Math.min(query.length(), 3)), query, query + " ")) {
            assertThat(twin.autocomplete(viewer, prefix, 10)).as("autocomplete \"" + prefix + "\": " + context)
                    .isEqualTo(plain.autocomplete(viewer, prefix, 10));
        }
        ArticleId some = ArticleId.of(published.get(Math.floorMod(query.hashCode(), published.size())).id());
        assertThat(twin.related(viewer, some, 10)).as("related to " + some + ": " + context)
                .isEqualTo(plain.related(viewer, some, 10));
        assertThat(twin.suggestForTicket(viewer, query, query + " " + String.join(" ", WORDS.subList(0, 4)), 10))
                .as("agent assist: " + context)
                .isEqualTo(plain.suggestForTicket(viewer, query, query + " " + String.join(" ", WORDS.subList(0, 4)),
                        10));
    }

    private static void compareSemantic(KnowledgeBase plain, KnowledgeBase twin, ViewerContext viewer, String query,
                                        String ctx) {
        String context = ctx + ", query \"" + query + "\"";
        for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
            for (SearchRequest r : List.of(
                    SearchRequest.builder(query).limit(20).facets(Facet.values()).mode(mode).build(),
                    SearchRequest.builder(query).limit(3).tags("t1").explain(true).mode(mode).build())) {
                SearchResponse a = plain.search(viewer, r);
                SearchResponse b = twin.search(viewer, r);
                assertThat(b.hits()).as(mode + " hits, order, scores: " + context).isEqualTo(a.hits());
                assertThat(b.totalHits()).as(mode + " total: " + context).isEqualTo(a.totalHits());
                for (Facet f : Facet.values()) {
                    assertThat(b.facet(f)).as(mode + " " + f + " facet: " + context).isEqualTo(a.facet(f));
                }
            }
        }
        assertThat(twin.passages(viewer, query, 10)).as("passages: " + context)
                .isEqualTo(plain.passages(viewer, query, 10));
    }
}
