package dev.savoir.kb.micrometer;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.micrometer.internal.Names;
import dev.savoir.kb.micrometer.internal.Polled;
import dev.savoir.kb.micrometer.internal.Traces;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.ObservedKnowledgeBase;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer metrics and observations of one knowledge base, in one line of its builder:
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
 *         .observer(SavoirMetrics.create(meterRegistry, observationRegistry))
 *         .build();
 * }</pre>
 *
 * <p>It records a {@code savoir.search} timer tagged by the kind of search, the viewer's kind (internal, external,
 * segmented) and the outcome (ok, zero-results, error), the hits and zero-result searches, a {@code savoir.store.write}
 * timer, gauges of the index lag, of articles awaiting re-indexing, of rebuild and import progress, and the Caffeine
 * caches' statistics through Micrometer's {@link CaffeineCacheMetrics}; and, with an {@link ObservationRegistry},
 * one observation per search ({@code savoir.kb.search}) and per store write ({@code savoir.kb.write}) so that tracing
 * sees them. The README's "Metrics" section lists every meter. No name, tag or observation key ever carries what a
 * viewer typed: every tag value comes from a closed vocabulary (and a failure's class name).
 *
 * <p>One instance observes one knowledge base (its gauges read that one); give several knowledge bases in one
 * registry their own {@link Builder#tags tags}, e.g. {@code kb=tenant-42}. Its polled meters (gauges, caches) are
 * removed from the registry when the knowledge base closes; timers and counters stay. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SavoirMetrics implements KnowledgeBaseObserver {
    private final MeterRegistry registry;
    private final Tags tags;
    private final @Nullable Traces traces;
    /** Timers of searches that did not fail, by kind, viewer and outcome: looked up without allocating. */
    private final Timer[] searchTimers = new Timer[SearchKind.values().length * ViewerKind.values().length * 2];
    private final Map<String, Timer> otherTimers = new ConcurrentHashMap<>();
    /** Hits and zero-result meters by kind and viewer. */
    private final DistributionSummary[] hitSummaries =
            new DistributionSummary[SearchKind.values().length * ViewerKind.values().length];
    private final Counter[] zeroCounters = new Counter[hitSummaries.length];
    private final AtomicLong rebuildIndexed = new AtomicLong();
    private final AtomicLong rebuildTotal = new AtomicLong();
    private final AtomicReference<ImportProgress> lastImport = new AtomicReference<>(new ImportProgress(0, 0, 0, 0));
    private final AtomicReference<@Nullable ObservedKnowledgeBase> bound = new AtomicReference<>();
    private final List<Meter> polled = new ArrayList<>();

    private SavoirMetrics(Builder b) {
        this.registry = b.registry;
        this.tags = b.tags;
        this.traces = b.observations == null ? null : new Traces(b.observations,
                KeyValues.of(b.tags.stream().map(t -> KeyValue.of(t.getKey(), t.getValue())).toList()));
        Gauge.builder(Names.REBUILD_ARTICLES, rebuildIndexed, AtomicLong::get).tags(tags).baseUnit("articles")
                .description("Articles indexed by the latest rebuild of the search index").register(registry);
        Gauge.builder(Names.REBUILD_PROGRESS, this, m -> ratio(m.rebuildIndexed.get(), m.rebuildTotal.get()))
                .tags(tags).description("How far the latest rebuild of the search index has come, 0 to 1 (1 when "
                        + "none ran)").register(registry);
        Gauge.builder(Names.IMPORT_ARTICLES, lastImport, r -> r.get().imported()).tags(tags).baseUnit("articles")
                .description("Articles written by the latest import so far").register(registry);
        Gauge.builder(Names.IMPORT_REJECTED, lastImport, r -> r.get().rejected()).tags(tags).baseUnit("records")
                .description("Records the latest import rejected").register(registry);
        Gauge.builder(Names.IMPORT_PROGRESS, lastImport, r -> ratio(r.get().imported(), r.get().total()))
                .tags(tags).description("How far the latest import has come, 0 to 1 (1 when none ran)")
                .register(registry);
    }

    /** Meters only, no observations. */
    public static SavoirMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /** Meters, and an observation per search and per store write in {@code observations}. */
    public static SavoirMetrics create(MeterRegistry registry, ObservationRegistry observations) {
        return builder(registry).observations(observations).build();
    }

    /** Starts configuring the metrics of one knowledge base. */
    public static Builder builder(MeterRegistry registry) {
        if (registry == null) {
            throw new InvalidArgumentException("registry", "must not be null: pass the host's MeterRegistry");
        }
        return new Builder(registry);
    }

    private static double ratio(long done, long total) {
        return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    @Override
    public void opened(ObservedKnowledgeBase kb) {
        if (!bound.compareAndSet(null, kb)) {
            throw new KbException("this SavoirMetrics already observes a knowledge base: create one per knowledge "
                    + "base, each with its own tags");
        }
        Polled index = new Polled(kb);
        synchronized (polled) {
            polled.add(Gauge.builder(Names.INDEX_LAG, index, Polled::lag).strongReference(true).tags(tags)
                    .baseUnit("changes")
                    .description("Store changes not in the search index yet").register(registry));
            polled.add(Gauge.builder(Names.INDEX_PENDING, index, Polled::pending).strongReference(true).tags(tags)
                    .baseUnit("articles")
                    .description("Articles whose indexing failed, retried in the background").register(registry));
            polled.add(Gauge.builder(Names.EMBEDDING_PENDING, index, Polled::embeddingPending).strongReference(true)
                    .tags(tags)
                    .baseUnit("passages").description("Passages waiting for their embedding vector")
                    .register(registry));
            int before = registry.getMeters().size();
            Set<Meter.Id> known = registry.getMeters().stream().map(Meter::getId).collect(Collectors.toSet());
            for (Map.Entry<String, Cache<?, ?>> c : kb.caches().entrySet()) {
                CaffeineCacheMetrics.monitor(registry, c.getValue(), c.getKey(), tags);
            }
            if (registry.getMeters().size() > before) {
                registry.getMeters().stream().filter(m -> !known.contains(m.getId())).forEach(polled::add);
            }
        }
    }

    @Override
    public void closed() {
        synchronized (polled) {
            polled.forEach(registry::remove);
            polled.clear();
        }
        bound.set(null);
    }

    @Override
    public @Nullable Object searchStarted(SearchKind kind, ViewerKind viewer) {
        return traces == null ? null : traces.start(Names.SEARCH_OBSERVATION, "savoir " + Names.of(kind),
                KeyValues.of(Names.KIND, Names.of(kind), Names.VIEWER, Names.of(viewer)));
    }

    @Override
    public void searchFinished(SearchDone done, @Nullable Object started) {
        Traces.stop(started, KeyValues.of(Names.OUTCOME, Names.of(done.outcome())), done.error());
        searchTimer(done).record(done.took());
        if (done.outcome() == SearchOutcome.ERROR) {
            return;
        }
        int i = done.kind().ordinal() * ViewerKind.values().length + done.viewer().ordinal();
        DistributionSummary hits = hitSummaries[i];
        if (hits == null) {
            hits = DistributionSummary.builder(Names.SEARCH_HITS).tags(searchTags(done)).baseUnit("hits")
                    .description("Hits found per search that did not fail").register(registry);
            hitSummaries[i] = hits;
        }
        hits.record(done.hits());
        if (done.outcome() == SearchOutcome.ZERO_RESULTS) {
            Counter zero = zeroCounters[i];
            if (zero == null) {
                zero = Counter.builder(Names.SEARCH_ZERO_RESULTS).tags(searchTags(done))
                        .description("Searches that found nothing").register(registry);
                zeroCounters[i] = zero;
            }
            zero.increment();
        }
    }

    private Tags searchTags(SearchDone done) {
        return Tags.of(Names.KIND, Names.of(done.kind()), Names.VIEWER, Names.of(done.viewer())).and(tags);
    }

    private Timer searchTimer(SearchDone done) {
        if (done.outcome() == SearchOutcome.ERROR) {
            return otherTimers.computeIfAbsent("search/" + done.kind() + "/" + done.viewer() + "/"
                    + Names.exception(done.error()), k -> searchTimerBuilder(done).register(registry));
        }
        int i = (done.kind().ordinal() * ViewerKind.values().length + done.viewer().ordinal()) * 2
                + (done.outcome() == SearchOutcome.OK ? 0 : 1);
        Timer t = searchTimers[i];
        if (t == null) {
            // racing threads register the same meter: Micrometer returns one
            t = searchTimerBuilder(done).register(registry);
            searchTimers[i] = t;
        }
        return t;
    }

    private Timer.Builder searchTimerBuilder(SearchDone done) {
        return Timer.builder(Names.SEARCH).description("Searches, by kind, viewer kind and outcome")
                .tags(Names.KIND, Names.of(done.kind()), Names.VIEWER, Names.of(done.viewer()),
                        Names.OUTCOME, Names.of(done.outcome()), Names.EXCEPTION, Names.exception(done.error()))
                .tags(tags);
    }

    @Override
    public @Nullable Object writeStarted(WriteKind kind, int articles) {
        return traces == null ? null : traces.start(Names.WRITE_OBSERVATION, "savoir store " + Names.of(kind),
                KeyValues.of(Names.KIND, Names.of(kind)));
    }

    @Override
    public void writeFinished(WriteDone done, @Nullable Object started) {
        Traces.stop(started, KeyValues.of(Names.OUTCOME, Names.of(done.outcome())), done.error());
        String exception = Names.exception(done.error());
        otherTimers.computeIfAbsent("write/" + done.kind() + "/" + done.outcome() + "/" + exception,
                k -> Timer.builder(Names.STORE_WRITE).description("Commits written to the store, by kind and "
                        + "outcome").tags(Names.KIND, Names.of(done.kind()), Names.OUTCOME, Names.of(done.outcome()),
                        Names.EXCEPTION, exception).tags(tags).register(registry)).record(done.took());
        if (done.outcome() == WriteOutcome.OK) {
            Counter.builder(Names.STORE_WRITE_ARTICLES).tags(Names.KIND, Names.of(done.kind())).tags(tags)
                    .baseUnit("articles").description("Articles written to the store").register(registry)
                    .increment(done.articles());
        }
    }

    @Override
    public void rebuildProgress(long indexed, long total) {
        rebuildTotal.set(total);
        rebuildIndexed.set(indexed);
    }

    @Override
    public void importProgress(ImportProgress progress) {
        lastImport.set(progress);
    }

    /**
     * Configures {@link SavoirMetrics}; each option may be set once.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public static final class Builder {
        private final MeterRegistry registry;
        private @Nullable ObservationRegistry observations;
        private Tags tags = Tags.empty();
        private boolean tagsSet;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /** Also records an observation per search and per store write (for tracing) in this registry. */
        public Builder observations(ObservationRegistry observations) {
            if (this.observations != null) {
                throw new InvalidArgumentException("observations", "was already set on this builder: set it once");
            }
            if (observations == null) {
                throw new InvalidArgumentException("observations", "must not be null");
            }
            this.observations = observations;
            return this;
        }

        /**
         * Tags added to every meter and observation, e.g. {@code Tags.of("kb", "tenant-42")} to tell knowledge bases
         * apart in one registry. Keep them few and fixed: they multiply every time series.
         */
        public Builder tags(Iterable<Tag> tags) {
            if (tagsSet) {
                throw new InvalidArgumentException("tags", "was already set on this builder: set it once");
            }
            if (tags == null) {
                throw new InvalidArgumentException("tags", "must not be null");
            }
            this.tags = Tags.of(tags);
            this.tagsSet = true;
            return this;
        }

        public SavoirMetrics build() {
            return new SavoirMetrics(this);
        }
    }
}
