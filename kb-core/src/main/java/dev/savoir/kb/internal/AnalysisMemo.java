package dev.savoir.kb.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.util.Map;

/**
 * The knowledge base's renderer with the last analyses remembered: publishing a revision analyses its body in the
 * publish gate (internal links) and again when the search engine indexes it, on the same {@code String}; this
 * analyses it once. Keys are the body strings themselves, compared by identity and held weakly (Caffeine's
 * {@code weakKeys}), so an entry never outlives its body, a different string with the same text is simply analysed
 * again, and no text is hashed. Bounded to {@value #MAX_CHARS} characters of plain text. Rendering is not cached
 * here (renderers have their own cache, keyed by viewer-visible link targets). Thread-safe.
 */
public final class AnalysisMemo implements ContentRenderer {
    /** The plain text kept at most, in characters (about 8 MB). */
    static final int MAX_CHARS = 4_000_000;

    private final ContentRenderer renderer;
    private final Cache<String, BodyAnalysis> analyses;

    private AnalysisMemo(ContentRenderer renderer) {
        this.renderer = renderer;
        this.analyses = Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(MAX_CHARS)
                .weigher((String body, BodyAnalysis a) -> 64 + a.plainText().length())
                .build();
    }

    /** {@code renderer} with its analyses remembered (a memo is not wrapped twice). */
    public static ContentRenderer of(ContentRenderer renderer) {
        return renderer instanceof AnalysisMemo ? renderer : new AnalysisMemo(renderer);
    }

    @Override
    public BodyAnalysis analyze(String markdown) {
        BodyAnalysis known = analyses.getIfPresent(markdown);
        if (known != null) {
            return known;
        }
        // outside the cache's lock: a failing analysis (a body too large) throws to the caller, and two threads
        // analysing the same body at once both get a correct result
        BodyAnalysis a = renderer.analyze(markdown);
        analyses.put(markdown, a);
        return a;
    }

    @Override
    public RenderedArticle.Html render(String markdown, RenderContext context) {
        return renderer.render(markdown, context);
    }

    @Override
    public Map<String, Cache<?, ?>> caches() {
        return renderer.caches();
    }
}
