package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.spi.RenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderCacheTest {
    static final ViewerContext AGENT = ViewerContext.internal(Locale.ENGLISH);
    static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    static final String BODY = "Escalate with [the runbook](kb:runbook) or [reset](kb:reset).";
    static final String AGENT_HTML = "<p>Escalate with <a href=\"/kb/runbook\">the runbook</a> or "
            + "<a href=\"/kb/reset\">reset</a>.</p>\n";
    static final String CUSTOMER_HTML = "<p>Escalate with the runbook or <a href=\"/kb/reset\">reset</a>.</p>\n";

    final MarkdownRenderer renderer = MarkdownRenderer.create();
    final AtomicInteger resolutions = new AtomicInteger();

    /** The runbook is internal: only agents may see it. */
    RenderContext context(ViewerContext viewer, int revision, Locale locale) {
        return new RenderContext(ArticleId.of("escalation"), revision, locale, viewer, id -> {
            resolutions.incrementAndGet();
            return id.equals("runbook") && !viewer.internal() ? Optional.empty() : Optional.of("/kb/" + id);
        });
    }

    @Test
    void render_sameRevisionTwice_secondIsAHit() {
        assertThat(renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH)).html()).isEqualTo(CUSTOMER_HTML);
        assertThat(renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH)).html()).isEqualTo(CUSTOMER_HTML);
        RenderCacheStats stats = renderer.cacheStats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hitRate()).isEqualTo(0.5);
        assertThat(stats.estimatedBytes()).isPositive().isLessThanOrEqualTo(stats.maximumBytes());
    }

    @Test
    void render_viewersWithDifferentLinkVisibility_neverShareLinks() {
        assertThat(renderer.render(BODY, context(AGENT, 1, Locale.ENGLISH)).html()).isEqualTo(AGENT_HTML);
        assertThat(renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH)).html()).isEqualTo(CUSTOMER_HTML);
        assertThat(renderer.render(BODY, context(AGENT, 1, Locale.ENGLISH)).html()).isEqualTo(AGENT_HTML);
        assertThat(renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH)).html()).isEqualTo(CUSTOMER_HTML);
        assertThat(renderer.cacheStats().hits()).isEqualTo(2);
        assertThat(renderer.cacheStats().misses()).isEqualTo(2);
    }

    @Test
    void render_linkTargetsAreResolvedOnEveryRequest_evenOnHits() {
        renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH));
        renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH));
        assertThat(resolutions.get()).isEqualTo(4);
    }

    @Test
    void render_newRevision_neverServesStaleRendering() {
        renderer.render("Old text", context(CUSTOMER, 1, Locale.ENGLISH));
        assertThat(renderer.render("New text", context(CUSTOMER, 2, Locale.ENGLISH)).html())
                .isEqualTo("<p>New text</p>\n");
        assertThat(renderer.cacheStats().hits()).isZero();
    }

    @Test
    void render_differentBodyUnderSameRevision_isRenderedAfresh() {
        renderer.render("Draft one", context(CUSTOMER, 1, Locale.ENGLISH));
        assertThat(renderer.render("Draft two", context(CUSTOMER, 1, Locale.ENGLISH)).html())
                .isEqualTo("<p>Draft two</p>\n");
    }

    @Test
    void render_otherLocale_isAMiss() {
        renderer.render("> [!NOTE]\n> x", context(CUSTOMER, 1, Locale.ENGLISH));
        assertThat(renderer.render("> [!NOTE]\n> x", context(CUSTOMER, 1, Locale.FRENCH)).html())
                .contains("Remarque");
        assertThat(renderer.cacheStats().misses()).isEqualTo(2);
    }

    @Test
    void render_cacheDisabled_countsOnlyMisses() {
        MarkdownRenderer uncached = MarkdownRenderer.builder().cacheMaximumBytes(0).build();
        uncached.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH));
        uncached.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH));
        assertThat(uncached.cacheStats()).isEqualTo(new RenderCacheStats(0, 2, 0, 0, 0));
    }

    @Test
    void render_manyArticles_cacheStaysWithinItsByteBound() {
        MarkdownRenderer small = MarkdownRenderer.builder().cacheMaximumBytes(50_000).build();
        String body = "Some words of an article. ".repeat(40);
        for (int i = 0; i < 200; i++) {
            small.render(body, new RenderContext(ArticleId.of("a" + i), 1, Locale.ENGLISH, CUSTOMER,
                    id -> Optional.empty()));
        }
        RenderCacheStats stats = small.cacheStats();
        assertThat(stats.evictions()).isPositive();
        assertThat(stats.estimatedBytes()).isLessThanOrEqualTo(50_000);
    }

    @Test
    void clearCache_dropsEntries() {
        renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH));
        renderer.clearCache();
        renderer.render(BODY, context(CUSTOMER, 1, Locale.ENGLISH));
        assertThat(renderer.cacheStats().misses()).isEqualTo(2);
    }

    @Test
    void render_concurrentReaders_eachGetTheirOwnLinks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean agent = t % 2 == 0;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        int revision = 1 + i % 5;
                        String html = renderer.render(BODY, context(agent ? AGENT : CUSTOMER, revision,
                                Locale.ENGLISH)).html();
                        if (!html.equals(agent ? AGENT_HTML : CUSTOMER_HTML)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(renderer.cacheStats().hits()).isPositive();
    }
}
