package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.spi.QueryNormalizer;
import dev.savoir.kb.search.Suggestion;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Queries that anonymous public viewers searched often and that found public articles, for autocomplete. Only a
 * query typed at least {@link #MIN_COUNT} times is ever suggested, so that one person's text is never shown to
 * others. Kept in memory, bounded; it starts empty when the engine opens.
 */
public final class PopularQueries {
    static final int MIN_COUNT = 3;
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_LENGTH = 80;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private record Entry(String text, AtomicLong count) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void record(String query) {
        String text = SPACES.matcher(query.strip()).replaceAll(" ");
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return;
        }
        String key = QueryNormalizer.normalize(text);
        if (key.isEmpty()) {
            return;
        }
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= MAX_ENTRIES) {
                evict();
            }
            e = entries.computeIfAbsent(key, k -> new Entry(text.toLowerCase(java.util.Locale.ROOT),
                    new AtomicLong()));
        }
        e.count().incrementAndGet();
    }

    private void evict() {
        entries.entrySet().removeIf(x -> x.getValue().count().get() < MIN_COUNT);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
    }

    public List<Suggestion> complete(String prefix, int limit) {
        String p = QueryNormalizer.normalize(prefix);
        if (p.isEmpty()) {
            return List.of();
        }
        return entries.entrySet().stream()
                .filter(x -> x.getKey().startsWith(p) && x.getValue().count().get() >= MIN_COUNT)
                .sorted(Comparator.comparingLong((Map.Entry<String, Entry> x) -> -x.getValue().count().get())
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(x -> new Suggestion(x.getValue().text(), null))
                .toList();
    }
}
