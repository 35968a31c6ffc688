package dev.savoir.kb.markdown.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.RenderedArticle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Two Caffeine caches bounded by estimated bytes. The first maps a body (article, revision, locale, and the body's
 * length and hash, so that a different body under the same revision never hits) to the internal links it holds.
 * The second maps that body plus how each of those links resolved for the reader to the rendered HTML: two readers
 * who may see different linked articles get different entries, so one reader's links are never served to another.
 * The first cache gets a sixteenth of the byte bound, the second the rest.
 */
public final class RenderCache {
    private static final int ENTRY_OVERHEAD = 160;

    /** Identifies a body. */
    public record SourceKey(String article, int revision, String locale, int length, int hash) {
    }

    /** Identifies a rendering of a body for readers whose internal links resolve the same way. */
    public record HtmlKey(SourceKey source, Map<String, Optional<String>> links) {
    }

    private final long maximumBytes;
    private final @Nullable Cache<SourceKey, List<String>> targets;
    private final @Nullable Cache<HtmlKey, RenderedArticle.Html> html;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public RenderCache(long maximumBytes) {
        this.maximumBytes = maximumBytes;
        if (maximumBytes == 0) {
            targets = null;
            html = null;
            return;
        }
        targets = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maximumBytes / 16))
                .weigher((SourceKey k, List<String> v) -> weight(k) + weight(v))
                .build();
        html = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, maximumBytes - maximumBytes / 16))
                .weigher((HtmlKey k, RenderedArticle.Html v) -> saturate(weight(k.source())
                        + k.links().entrySet().stream().mapToLong(e -> 2L * e.getKey().length()
                        + 2L * e.getValue().map(String::length).orElse(0) + 48).sum()
                        + 2L * v.html().length()
                        + v.toc().stream().mapToLong(h -> 2L * (h.text().length() + h.anchor().length()) + 64).sum()))
                .recordStats()
                .build();
    }

    public boolean enabled() {
        return html != null;
    }

    /** The internal link targets of a body, if known. */
    public @Nullable List<String> targets(SourceKey key) {
        return targets == null ? null : targets.getIfPresent(key);
    }

    /** A cached rendering, counting a hit when found. */
    public RenderedArticle.@Nullable Html html(HtmlKey key) {
        RenderedArticle.Html found = html == null ? null : html.getIfPresent(key);
        if (found != null) {
            hits.increment();
        }
        return found;
    }

    /** Stores a fresh rendering, counting a miss. */
    public void put(HtmlKey key, List<String> linkTargets, RenderedArticle.Html rendered) {
        misses.increment();
        if (html != null && targets != null) {
            targets.put(key.source(), linkTargets);
            html.put(key, rendered);
        }
    }

    /** Counts a rendering that could not be cached. */
    public void miss() {
        misses.increment();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long evictions() {
        return html == null ? 0 : html.stats().evictionCount();
    }

    public long estimatedBytes() {
        if (html == null) {
            return 0;
        }
        html.cleanUp();
        return html.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    public long maximumBytes() {
        return maximumBytes;
    }

    /** The cache of rendered HTML (which records statistics) by name, for metrics; none when disabled. */
    public Map<String, Cache<?, ?>> caches() {
        return html == null ? Map.of() : Map.of("savoir.render.html", html);
    }

    /** Drops every entry. */
    public void clear() {
        if (html != null && targets != null) {
            html.invalidateAll();
            targets.invalidateAll();
        }
    }

    private static int weight(SourceKey k) {
        return ENTRY_OVERHEAD + 2 * (k.article().length() + k.locale().length());
    }

    private static int weight(List<String> strings) {
        return saturate(strings.stream().mapToLong(s -> 2L * s.length() + 40).sum());
    }

    private static int saturate(long weight) {
        return (int) Math.min(Integer.MAX_VALUE, ENTRY_OVERHEAD + weight);
    }
}
