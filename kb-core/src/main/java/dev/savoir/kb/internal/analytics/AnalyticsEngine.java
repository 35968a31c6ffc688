package dev.savoir.kb.internal.analytics;

import dev.savoir.kb.StoreException;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.JsonLinesLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records search, click and ticket events without slowing the caller: {@link #offer} puts an event on a bounded
 * queue (a full queue drops the event and counts it, never blocks); {@link #drain}, run on the knowledge base's
 * scheduler, appends the events to a daily log (one fsync per drain) and folds them into per-day rollups in memory.
 * Closed days are saved as rollup files, so that opening a year of analytics reads 365 small files, not every event.
 * Days older than the retention are deleted. {@link #erase} removes one session's events from the logs (rewritten)
 * and from the rollups (saved again).
 */
public final class AnalyticsEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEngine.class);
    private static final Pattern EVENTS = Pattern.compile("events-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");
    private static final Pattern ROLLUP = Pattern.compile("rollup-(\\d{4}-\\d{2}-\\d{2})\\.json");
    private static final Pattern PARTIAL = Pattern.compile("partial-(\\d{4}-\\d{2}-\\d{2})\\.json");

    /**
     * The rollup of a day still open when the knowledge base closed, covering the first {@code eventsBytes} of its
     * events log: the next open replays only the events after it.
     */
    public record Partial(long eventsBytes, Day day) {
    }

    /** One recorded event (a line of a daily log). */
    public record Event(String kind, Instant at, @Nullable String session, @Nullable String query,
                        @Nullable String language, boolean internal, int results, @Nullable List<String> shown,
                        long tookMicros, @Nullable String article, int position) {
    }

    /** The mutable counts of one query on one day. */
    public static final class Counts {
        public long searches;
        public long zero;
        public long clicks;
        public Instant lastSeen = Instant.EPOCH;

        void add(Counts o) {
            searches += o.searches;
            zero += o.zero;
            clicks += o.clicks;
            if (o.lastSeen.isAfter(lastSeen)) {
                lastSeen = o.lastSeen;
            }
        }
    }

    /** One day's rollup: counts per query and per-session flags. Persisted as JSON for closed days. */
    public static final class Day {
        public Map<String, Counts> queries = new HashMap<>();
        /** Session id → bit 1 searched, bit 2 clicked, bit 4 ticket. */
        public Map<String, Integer> sessions = new HashMap<>();
        public Map<String, Long> articleClicks = new HashMap<>();
    }

    private final @Nullable Path directory;
    private final BlockingQueue<Event> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final ConcurrentSkipListMap<LocalDate, Day> days = new ConcurrentSkipListMap<>();
    private final int retentionDays;
    /** In memory only: the events of each session, for {@link #eventsOf} and {@link #erase}. */
    private final @Nullable Map<String, List<Event>> sessionEvents;
    private @Nullable JsonLinesLog log;
    private @Nullable LocalDate logDay;

    public AnalyticsEngine(@Nullable Path directory, int queueCapacity, int retentionDays, Instant now) {
        this.directory = directory;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.retentionDays = retentionDays;
        this.sessionEvents = directory == null ? new HashMap<>() : null;
        if (directory != null) {
            load(now);
        }
    }

    private void load(Instant now) {
        Path dir = java.util.Objects.requireNonNull(directory);
        LocalDate today = day(now);
        LocalDate oldest = today.minusDays(retentionDays);
        try {
            Files.createDirectories(dir);
            Map<LocalDate, Path> eventFiles = new HashMap<>();
            Map<LocalDate, Path> rollups = new HashMap<>();
            Map<LocalDate, Path> partials = new HashMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    Matcher e = EVENTS.matcher(name);
                    Matcher r = ROLLUP.matcher(name);
                    Matcher p = PARTIAL.matcher(name);
                    if (e.matches()) {
                        eventFiles.put(LocalDate.parse(e.group(1)), f);
                    } else if (r.matches()) {
                        rollups.put(LocalDate.parse(r.group(1)), f);
                    } else if (p.matches()) {
                        partials.put(LocalDate.parse(p.group(1)), f);
                    }
                }
            }
            for (var e : partials.entrySet()) {
                if (e.getKey().isBefore(oldest) || rollups.containsKey(e.getKey())) {
                    Files.deleteIfExists(e.getValue());
                }
            }
            for (var e : rollups.entrySet()) {
                if (e.getKey().isBefore(oldest)) {
                    Files.deleteIfExists(e.getValue());
                } else {
                    days.put(e.getKey(), Json.mapper().readValue(e.getValue().toFile(), Day.class));
                }
            }
            for (var e : eventFiles.entrySet()) {
                LocalDate d = e.getKey();
                if (d.isBefore(oldest)) {
                    Files.deleteIfExists(e.getValue());
                } else if (!days.containsKey(d)) {
                    JsonLinesLog l = new JsonLinesLog(e.getValue());
                    try {
                        long from = loadPartial(d, partials.get(d), Files.size(e.getValue()));
                        l.replay(Event.class, from, this::fold);
                    } catch (RuntimeException ex) {
                        l.close();
                        throw ex;
                    }
                    if (d.equals(today)) {
                        // Keep today's log open and positioned for appending: the first drain need not read it
                        // all again.
                        log = l;
                        logDay = d;
                    } else {
                        l.close();
                    }
                    if (d.isBefore(today)) {
                        saveRollup(d);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (log != null) {
                log.close();
                log = null;
                logDay = null;
            }
            throw new StoreException("cannot read the search analytics in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the partial rollup of day {@code d} if it fits its events log ({@code eventsSize} bytes), and returns
     * where the replay of the log starts: after what it covers, or at 0 when there is none or it does not fit.
     */
    private long loadPartial(LocalDate d, @Nullable Path partial, long eventsSize) {
        if (partial == null) {
            return 0;
        }
        try {
            Partial p = Json.mapper().readValue(partial.toFile(), Partial.class);
            if (p.eventsBytes() < 0 || p.eventsBytes() > eventsSize || p.day() == null) {
                LOG.info("Ignoring {}: it does not fit the events log of {}", partial, d);
                return 0;
            }
            days.put(d, p.day());
            return p.eventsBytes();
        } catch (RuntimeException e) {
            LOG.warn("Ignoring an unreadable {} ({}): replaying the events of {}", partial, e.getMessage(), d);
            return 0;
        }
    }

    /**
     * Saves the rollup of the day whose log is open, with how much of the log it covers, so that the next open does
     * not replay it all. Atomic (temporary file, fsync, rename); a failure only costs the next open a full replay.
     */
    private void savePartial() {
        if (directory == null || log == null || logDay == null) {
            return;
        }
        Day day = days.get(logDay);
        if (day == null) {
            return;
        }
        Path target = directory.resolve("partial-" + logDay + ".json");
        Path tmp = directory.resolve("partial-" + logDay + ".json.tmp");
        try {
            long covered = log.size();
            synchronized (day) {
                Files.write(tmp, Json.mapper().writeValueAsBytes(new Partial(covered, day)));
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save the analytics rollup of {} so far: {}; the next open replays its events", logDay,
                    e.getMessage());
        }
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Queues an event; never blocks. Returns false (and counts a drop) when the queue is full. */
    public boolean offer(Event event) {
        if (queue.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events recorded (written and counted). */
    public long recorded() {
        return recorded.get();
    }

    /** Writes and counts every queued event; one fsync. Called by one thread at a time. */
    public synchronized int drain() {
        List<Event> batch = new ArrayList<>(Math.min(queue.size() + 1, 65_536));
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return 0;
        }
        if (directory != null) {
            for (Event e : batch) {
                LocalDate d = day(e.at());
                if (!d.equals(logDay)) {
                    rollover(d);
                }
                java.util.Objects.requireNonNull(log).append(e);
            }
            java.util.Objects.requireNonNull(log).sync();
        }
        for (Event e : batch) {
            fold(e);
            if (sessionEvents != null && e.session() != null) {
                sessionEvents.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e);
            }
        }
        recorded.addAndGet(batch.size());
        return batch.size();
    }

    private void rollover(LocalDate d) {
        LocalDate previous = logDay;
        if (log != null) {
            log.close();
        }
        log = new JsonLinesLog(java.util.Objects.requireNonNull(directory).resolve("events-" + d + ".jsonl"));
        log.replay(Event.class, e -> { });
        logDay = d;
        if (previous != null && previous.isBefore(d)) {
            saveRollup(previous);
            deleteBefore(d.minusDays(retentionDays));
        }
    }

    private void saveRollup(LocalDate d) {
        try {
            writeRollup(d);
        } catch (IOException e) {
            LOG.warn("Cannot save the analytics rollup of {}: {}", d, e.getMessage());
        }
    }

    private void writeRollup(LocalDate d) throws IOException {
        Day day = days.get(d);
        if (day == null || directory == null) {
            return;
        }
        Path target = directory.resolve("rollup-" + d + ".json");
        Path tmp = directory.resolve("rollup-" + d + ".json.tmp");
        synchronized (day) {
            Files.write(tmp, Json.mapper().writeValueAsBytes(day));
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(directory.resolve("partial-" + d + ".json"));
    }

    private void deleteBefore(LocalDate oldest) {
        days.headMap(oldest).clear();
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Matcher e = EVENTS.matcher(f.getFileName().toString());
                Matcher r = ROLLUP.matcher(f.getFileName().toString());
                Matcher p = PARTIAL.matcher(f.getFileName().toString());
                LocalDate d = e.matches() ? LocalDate.parse(e.group(1)) : r.matches() ? LocalDate.parse(r.group(1))
                        : p.matches() ? LocalDate.parse(p.group(1)) : null;
                if (d != null && d.isBefore(oldest)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException ex) {
            LOG.warn("Cannot apply the analytics retention in {}: {}", directory, ex.getMessage());
        }
    }

    /** Folds one event into its day's rollup. */
    public void fold(Event e) {
        Day day = days.computeIfAbsent(day(e.at()), k -> new Day());
        synchronized (day) {
            String session = e.session();
            switch (e.kind()) {
                case "search" -> {
                    Counts c = day.queries.computeIfAbsent(e.language() + "|" + e.query(), k -> new Counts());
                    c.searches++;
                    if (e.results() == 0) {
                        c.zero++;
                    }
                    if (e.at().isAfter(c.lastSeen)) {
                        c.lastSeen = e.at();
                    }
                    if (session != null) {
                        day.sessions.merge(session, 1, (a, b) -> a | b);
                    }
                }
                case "click" -> {
                    Counts c = day.queries.computeIfAbsent(e.language() + "|" + e.query(), k -> new Counts());
                    c.clicks++;
                    if (e.article() != null) {
                        day.articleClicks.merge(e.article(), 1L, Long::sum);
                    }
                    if (session != null) {
                        day.sessions.merge(session, 2, (a, b) -> a | b);
                    }
                }
                case "ticket" -> {
                    if (session != null) {
                        day.sessions.merge(session, 4, (a, b) -> a | b);
                    }
                }
                default -> LOG.debug("ignoring analytics event of kind {}", e.kind());
            }
        }
    }

    /** Query counts summed over the days in [from, to), filtered, sorted, at most {@code limit}. */
    public List<QueryStats> queries(Instant from, Instant to, Predicate<QueryStats> filter,
                                    Comparator<QueryStats> order, int limit) {
        Map<String, Counts> sum = new HashMap<>();
        for (Day d : days.subMap(day(from), true, day(to.minusNanos(1)), true).values()) {
            synchronized (d) {
                d.queries.forEach((k, c) -> sum.computeIfAbsent(k, x -> new Counts()).add(c));
            }
        }
        return sum.entrySet().stream()
                .map(e -> {
                    int bar = e.getKey().indexOf('|');
                    Counts c = e.getValue();
                    return new QueryStats(e.getKey().substring(bar + 1), e.getKey().substring(0, bar), c.searches,
                            c.zero, c.clicks, c.lastSeen);
                })
                .filter(filter)
                .sorted(order)
                .limit(limit)
                .toList();
    }

    /** Result clicks per article over the days in [from, to). */
    public Map<String, Long> articleClicks(Instant from, Instant to) {
        Map<String, Long> sum = new HashMap<>();
        for (Day d : days.subMap(day(from), true, day(to.minusNanos(1)), true).values()) {
            synchronized (d) {
                d.articleClicks.forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
        }
        return sum;
    }

    /** Sessions that searched, clicked, and reported no ticket, per day, summed over [from, to). */
    public DeflectionEstimate deflection(Instant from, Instant to) {
        long searched = 0;
        long clicked = 0;
        long deflected = 0;
        for (Day d : days.subMap(day(from), true, day(to.minusNanos(1)), true).values()) {
            synchronized (d) {
                for (int flags : d.sessions.values()) {
                    if ((flags & 1) != 0) {
                        searched++;
                        if ((flags & 2) != 0) {
                            clicked++;
                            if ((flags & 4) == 0) {
                                deflected++;
                            }
                        }
                    }
                }
            }
        }
        return new DeflectionEstimate(searched, clicked, deflected);
    }

    /** Every event recorded under {@code session}, queued ones included, oldest first. Reads every log kept. */
    public synchronized List<Event> eventsOf(String session) {
        drain();
        List<Event> out = new ArrayList<>();
        if (sessionEvents != null) {
            out.addAll(sessionEvents.getOrDefault(session, List.of()));
        } else {
            if (log != null) {
                log.sync();
            }
            for (Path f : eventLogs()) {
                JsonLinesLog.read(f, Event.class, e -> {
                    if (session.equals(e.session())) {
                        out.add(e);
                    }
                });
            }
        }
        out.sort(Comparator.comparing(Event::at));
        return out;
    }

    /**
     * Every search and click recorded under a session in [from, to), queued ones included, to {@code sink}: the
     * daily logs of the period's days are read (in memory: the sessions' events).
     */
    public synchronized void sessionEvents(Instant from, Instant to, java.util.function.Consumer<Event> sink) {
        drain();
        Predicate<Event> wanted = e -> e.session() != null && (e.kind().equals("search") || e.kind().equals("click"))
                && !e.at().isBefore(from) && e.at().isBefore(to);
        if (sessionEvents != null) {
            sessionEvents.values().forEach(events -> events.stream().filter(wanted).forEach(sink));
            return;
        }
        if (log != null) {
            log.sync();
        }
        LocalDate first = day(from);
        LocalDate last = day(to.minusNanos(1));
        for (Path f : eventLogs()) {
            Matcher m = EVENTS.matcher(f.getFileName().toString());
            LocalDate d = m.matches() ? LocalDate.parse(m.group(1)) : null;
            if (d != null && !d.isBefore(first) && !d.isAfter(last)) {
                JsonLinesLog.read(f, Event.class, e -> {
                    if (wanted.test(e)) {
                        sink.accept(e);
                    }
                });
            }
        }
    }

    /**
     * Erases every event recorded under {@code session}, queued ones included: each daily log holding one is
     * rewritten without it, and the rollups of those days no longer count it (saved again before this returns;
     * the session's flags go from every day).
     *
     * @return how many events were erased
     */
    public synchronized long erase(String session) {
        drain();
        List<Event> erased = new ArrayList<>();
        try {
            if (sessionEvents != null) {
                erased.addAll(sessionEvents.getOrDefault(session, List.of()));
                sessionEvents.remove(session);
            } else {
                eraseFromLogs(session, erased);
            }
            for (Event e : erased) {
                unfold(e);
            }
            for (var entry : days.entrySet()) {
                LocalDate d = entry.getKey();
                Day day = entry.getValue();
                boolean had;
                synchronized (day) {
                    had = day.sessions.remove(session) != null;
                }
                if (directory != null && (had || erased.stream().anyMatch(e -> day(e.at()).equals(d)))) {
                    if (d.equals(logDay)) {
                        savePartial();
                    } else if (logDay == null || d.isBefore(logDay)) {
                        writeRollup(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot erase a session from the search analytics in " + directory + ": "
                    + e.getMessage(), e);
        }
        return erased.size();
    }

    /** Rewrites every daily log without the events of {@code session}, adding them to {@code erased}. */
    private void eraseFromLogs(String session, List<Event> erased) throws IOException {
        Path dir = java.util.Objects.requireNonNull(directory);
        LocalDate open = logDay;
        if (open != null) {
            // The open day's partial rollup counts the session: it must not outlive the rewrite of its log.
            Files.deleteIfExists(dir.resolve("partial-" + open + ".json"));
        }
        for (Path f : eventLogs()) {
            Matcher m = EVENTS.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            boolean isOpen = LocalDate.parse(m.group(1)).equals(logDay) && log != null;
            if (isOpen) {
                java.util.Objects.requireNonNull(log).close();
                log = null;
            }
            try {
                JsonLinesLog.rewrite(f, Event.class, e -> {
                    if (session.equals(e.session())) {
                        erased.add(e);
                        return false;
                    }
                    return true;
                });
            } finally {
                if (isOpen) {
                    log = new JsonLinesLog(f);
                    log.replay(Event.class, e -> { });
                }
            }
        }
    }

    /** The daily event logs in the folder. */
    private List<Path> eventLogs() {
        if (directory == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> EVENTS.matcher(f.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list the search analytics in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Takes one event out of its day's rollup again (the inverse of {@link #fold}, but for the last-seen time). */
    private void unfold(Event e) {
        Day day = days.get(day(e.at()));
        if (day == null) {
            return;
        }
        synchronized (day) {
            String key = e.language() + "|" + e.query();
            Counts c = day.queries.get(key);
            switch (e.kind()) {
                case "search" -> {
                    if (c != null) {
                        c.searches = Math.max(0, c.searches - 1);
                        if (e.results() == 0) {
                            c.zero = Math.max(0, c.zero - 1);
                        }
                    }
                }
                case "click" -> {
                    if (c != null) {
                        c.clicks = Math.max(0, c.clicks - 1);
                    }
                    if (e.article() != null) {
                        day.articleClicks.computeIfPresent(e.article(), (k, v) -> v > 1 ? v - 1 : null);
                    }
                }
                default -> {
                    // Tickets only set the session's flag, which the caller removes.
                }
            }
            if (c != null && c.searches == 0 && c.clicks == 0) {
                day.queries.remove(key);
            }
        }
    }

    @Override
    public synchronized void close() {
        drain();
        savePartial();
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
