package dev.savoir.kb.internal.analytics;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.AnalyticsEvent;
import dev.savoir.kb.spi.AnalyticsStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link AnalyticsStore}: daily event logs and rollups of {@link AnalyticsEngine} in the knowledge
 * base's folder ({@code analytics/}), or in memory.
 */
public final class FileAnalyticsStore implements AnalyticsStore {
    private final AnalyticsEngine engine;

    /**
     * @param directory where the logs and rollups live, or {@code null} to keep analytics in memory only
     * @param queueCapacity how many events may wait to be written before new ones are dropped
     * @param retentionDays how many days are kept
     * @param now the knowledge base's clock reading, from which the retention counts
     */
    public FileAnalyticsStore(@Nullable Path directory, int queueCapacity, int retentionDays, Instant now) {
        this.engine = new AnalyticsEngine(directory, queueCapacity, retentionDays, now);
    }

    @Override
    public boolean offer(AnalyticsEvent e) {
        return engine.offer(new AnalyticsEngine.Event(e.kind().name().toLowerCase(Locale.ROOT), e.at(), e.session(),
                e.query(), e.language(), e.internal(), e.results(),
                e.kind() == AnalyticsEvent.Kind.SEARCH ? e.shown().stream().map(ArticleId::value).toList() : null,
                e.tookMicros(), e.article() == null ? null : e.article().value(), e.position()));
    }

    @Override
    public long dropped() {
        return engine.dropped();
    }

    @Override
    public long recorded() {
        return engine.recorded();
    }

    @Override
    public int flush() {
        return engine.drain();
    }

    @Override
    public List<QueryStats> queries(Instant from, Instant to) {
        return engine.queries(from, to, q -> true, (a, b) -> 0, Integer.MAX_VALUE);
    }

    @Override
    public Map<ArticleId, Long> clicksPerArticle(Instant from, Instant to) {
        Map<ArticleId, Long> out = new HashMap<>();
        engine.articleClicks(from, to).forEach((k, v) -> out.put(ArticleId.of(k), v));
        return out;
    }

    @Override
    public DeflectionEstimate deflection(Instant from, Instant to) {
        return engine.deflection(from, to);
    }

    @Override
    public void sessionEvents(Instant from, Instant to, java.util.function.Consumer<AnalyticsEvent> sink) {
        engine.sessionEvents(from, to, e -> {
            if (e.kind().equals("search")) {
                sink.accept(AnalyticsEvent.search(e.at(), e.session(), e.query() == null ? "" : e.query(),
                        e.language() == null ? "" : e.language(), e.internal(), e.results(),
                        e.shown() == null ? List.of() : e.shown().stream().map(ArticleId::of).toList(),
                        e.tookMicros()));
            } else if (e.article() != null) {
                sink.accept(AnalyticsEvent.click(e.at(), e.session(), e.query() == null ? "" : e.query(),
                        e.language() == null ? "" : e.language(), e.internal(), ArticleId.of(e.article()),
                        Math.max(1, e.position())));
            }
        });
    }

    @Override
    public List<ViewerRecord> viewerRecords(String viewerKey) {
        List<ViewerRecord> out = new ArrayList<>();
        for (AnalyticsEngine.Event e : engine.eventsOf(viewerKey)) {
            Locale language = e.language() == null ? null : Locale.forLanguageTag(e.language());
            String query = e.query() == null ? "" : e.query();
            switch (e.kind()) {
                case "search" -> out.add(ViewerRecord.search(e.at(), query, language));
                case "click" -> {
                    if (e.article() != null) {
                        out.add(ViewerRecord.click(e.at(), query, language, ArticleId.of(e.article())));
                    }
                }
                case "ticket" -> out.add(ViewerRecord.ticket(e.at()));
                default -> {
                    // An event of a kind this version does not know: nothing to report about it.
                }
            }
        }
        return out;
    }

    @Override
    public long eraseViewer(String viewerKey) {
        return engine.erase(viewerKey);
    }

    @Override
    public void close() {
        engine.close();
    }
}
