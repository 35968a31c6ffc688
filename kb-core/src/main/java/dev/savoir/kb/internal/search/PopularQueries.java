package dev.savoir.kb.internal.search;

import dev.savoir.kb.internal.privacy.PersonalData;
import dev.savoir.kb.spi.QueryNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The queries external viewers searched, for autocomplete, suggested to others only once enough distinct viewers
 * searched them: a query counts the distinct viewer keys (the host's session or user keys) that searched it within
 * the window, each once however often it searched, and becomes a candidate at {@code minViewers}. A query that
 * holds anything {@link PersonalData} detects is never kept. Kept in memory and bounded ({@value #MAX_ENTRIES}
 * queries, {@value #MAX_VIEWERS_PER_QUERY} viewer keys each); it starts empty when the knowledge base opens.
 * Thread-safe.
 */
public final class PopularQueries {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_VIEWERS_PER_QUERY = 256;
    private static final int MAX_LENGTH = 80;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** One query: the text shown, and when each viewer last searched it (oldest first). */
    private static final class Entry {
        final String text;
        final LinkedHashMap<String, Instant> viewers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > MAX_VIEWERS_PER_QUERY;
            }
        };

        Entry(String text) {
            this.text = text;
        }

        /** Viewers who searched it since {@code since}; forgets the ones before. */
        synchronized int viewersSince(Instant since) {
            viewers.values().removeIf(at -> at.isBefore(since));
            return viewers.size();
        }
    }

    private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    private final int minViewers;
    private final Duration window;
    private final Clock clock;

    /**
     * @param minViewers how many distinct viewers must have searched a query before it is suggested
     * @param window how long a viewer's search counts
     * @param clock the knowledge base's clock
     */
    public PopularQueries(int minViewers, Duration window, Clock clock) {
        this.minViewers = minViewers;
        this.window = window;
        this.clock = clock;
    }

    /** Counts {@code viewerKey} among the viewers of {@code query} (as typed), unless it holds personal data. */
    public void record(String query, String viewerKey) {
        String text = SPACES.matcher(query.strip()).replaceAll(" ");
        if (text.isEmpty() || text.length() > MAX_LENGTH || PersonalData.containsAny(text)) {
            return;
        }
        String key = QueryNormalizer.normalize(text);
        if (key.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= MAX_ENTRIES && !makeRoom(now)) {
                return;
            }
            e = entries.computeIfAbsent(key, k -> new Entry(text.toLowerCase(Locale.ROOT)));
        }
        synchronized (e) {
            e.viewers.put(viewerKey, now);
        }
    }

    /** Forgets expired viewers and queries too few viewers searched; whether there is room for a new query now. */
    private boolean makeRoom(Instant now) {
        Instant since = now.minus(window);
        entries.values().removeIf(e -> e.viewersSince(since) < minViewers);
        return entries.size() < MAX_ENTRIES;
    }

    /**
     * The popular queries starting with {@code prefix} (compared in normalized form), most viewers first, at most
     * {@code max}.
     */
    public List<String> complete(String prefix, int max) {
        String p = QueryNormalizer.normalize(prefix);
        if (p.isEmpty()) {
            return List.of();
        }
        Instant since = clock.instant().minus(window);
        record Candidate(String key, String text, int viewers) {
        }
        List<Candidate> found = new ArrayList<>();
        for (var x : entries.subMap(p, true, p + Character.MAX_VALUE, true).entrySet()) {
            int viewers = x.getValue().viewersSince(since);
            if (viewers >= minViewers) {
                found.add(new Candidate(x.getKey(), x.getValue().text, viewers));
            }
        }
        return found.stream()
                .sorted(Comparator.comparingInt(Candidate::viewers).reversed().thenComparing(Candidate::key))
                .limit(max).map(Candidate::text).toList();
    }

    /** Forgets every search of {@code viewerKey}. */
    public void eraseViewer(String viewerKey) {
        for (Entry e : entries.values()) {
            synchronized (e) {
                e.viewers.remove(viewerKey);
            }
        }
    }
}
