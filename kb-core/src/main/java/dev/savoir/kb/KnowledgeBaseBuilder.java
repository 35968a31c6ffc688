package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Services;
import dev.savoir.kb.internal.Settings;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.store.FileArticleStore;
import dev.savoir.kb.internal.store.InMemoryArticleStore;
import dev.savoir.kb.internal.store.StoreLock;
import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.SchedulerLease;
import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.WorkflowStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongConsumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link KnowledgeBase}; obtained from {@link KnowledgeBase#builder()}. Each option may be set once
 * (a second call fails at once, naming the option); conflicting options fail at once. {@link #build()} may be called
 * again for another knowledge base only with another directory. Not thread-safe.
 *
 * @since 0.1
 */
public final class KnowledgeBaseBuilder {
    /** How many distinct viewers must have searched a query before autocomplete offers it to others, by default. */
    public static final int DEFAULT_POPULAR_QUERY_MIN_VIEWERS = 5;
    /** The fewest distinct viewers {@link #popularQueryMinViewers} accepts. */
    public static final int MIN_POPULAR_QUERY_VIEWERS = 2;

    private @Nullable Path directory;
    private boolean inMemory;
    private @Nullable ArticleStore store;
    private @Nullable SearchEngineFactory engineFactory;
    private @Nullable ContentRenderer renderer;
    private Clock clock = Clock.systemUTC();
    private PermissionPolicy permissions = PermissionPolicy.roleBased();
    private boolean distinctReviewer;
    private boolean reviewRequired = true;
    private final List<EditorialRule> rules = new ArrayList<>();
    private StalePolicy stalePolicy = StalePolicy.FLAG;
    private Locale defaultLocale = Locale.ENGLISH;
    private int maxBodyBytes = InputLimits.DEFAULT_MAX_BODY_BYTES;
    private LinkResolver linkResolver = LinkResolver.relative();
    private @Nullable SharedResources shared;
    private Duration schedulerInterval = Duration.ofSeconds(30);
    private @Nullable LongConsumer rebuildProgress;
    private Duration viewDedupWindow = Duration.ofMinutes(30);
    private int analyticsQueueCapacity = 65_536;
    private int analyticsRetentionDays = 365;
    private @Nullable FeedbackStore feedbackStore;
    private @Nullable AnalyticsStore analyticsStore;
    private @Nullable WorkflowStore workflowStore;
    private @Nullable LearningStore learningStore;
    private int learningMinSessions = dev.savoir.kb.learning.Learning.DEFAULT_MIN_SESSIONS;
    private SchedulerLease schedulerLease = SchedulerLease.local();
    private int popularQueryMinViewers = DEFAULT_POPULAR_QUERY_MIN_VIEWERS;
    private boolean analyticsRawText;
    private Duration followInterval = Duration.ofSeconds(1);
    private @Nullable KnowledgeBaseObserver observer;
    private final Set<String> set = new HashSet<>();

    KnowledgeBaseBuilder() {
    }

    private void once(String option) {
        if (!set.add(option)) {
            throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
        }
    }

    /**
     * Keeps the knowledge base in this folder, with the durable file store (in {@code store/}), the search index (in
     * {@code index/}), feedback and analytics. The folder is created if needed.
     */
    public KnowledgeBaseBuilder directory(Path directory) {
        once("directory");
        if (inMemory) {
            throw new InvalidArgumentException("directory", "inMemory() was set: a knowledge base is either in "
                    + "memory or in a directory");
        }
        this.directory = Check.notNull("directory", directory);
        return this;
    }

    /** Keeps everything in memory (tests, demos): nothing survives the JVM. */
    public KnowledgeBaseBuilder inMemory() {
        once("inMemory");
        if (directory != null && store == null) {
            throw new InvalidArgumentException("inMemory", "directory(...) was set: a knowledge base is either in "
                    + "memory or in a directory");
        }
        this.inMemory = true;
        return this;
    }

    /**
     * Uses a host-provided store instead of the built-in ones (e.g. a database). The knowledge base closes it. With
     * {@link #directory(Path)} too, the directory holds only the search index, feedback and analytics.
     */
    public KnowledgeBaseBuilder store(ArticleStore store) {
        once("store");
        this.store = Check.notNull("store", store);
        return this;
    }

    /**
     * Keeps reader feedback in a host-provided store (e.g. a database) instead of the folder. It is closed with the
     * knowledge base.
     */
    public KnowledgeBaseBuilder feedbackStore(FeedbackStore store) {
        once("feedbackStore");
        this.feedbackStore = Check.notNull("feedbackStore", store);
        return this;
    }

    /** Keeps search analytics in a host-provided store instead of the folder. It is closed with the knowledge base. */
    public KnowledgeBaseBuilder analyticsStore(AnalyticsStore store) {
        once("analyticsStore");
        this.analyticsStore = Check.notNull("analyticsStore", store);
        return this;
    }

    /**
     * Keeps the feedback inbox and the learning paths in a host-provided store (e.g. kb-jdbc's) instead of the
     * folder. It is closed with the knowledge base.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public KnowledgeBaseBuilder workflowStore(WorkflowStore store) {
        once("workflowStore");
        this.workflowStore = Check.notNull("workflowStore", store);
        return this;
    }

    /**
     * Decides which process runs scheduled transitions when several share one store (default
     * {@link SchedulerLease#local()}: this one).
     */
    public KnowledgeBaseBuilder schedulerLease(SchedulerLease lease) {
        once("schedulerLease");
        this.schedulerLease = Check.notNull("schedulerLease", lease);
        return this;
    }

    /** The search engine, e.g. kb-lucene's. Without one, {@link KnowledgeBase#search} is unavailable. */
    public KnowledgeBaseBuilder searchEngine(SearchEngineFactory factory) {
        once("searchEngine");
        this.engineFactory = Check.notNull("searchEngine", factory);
        return this;
    }

    /** The content renderer, e.g. kb-markdown's. Without one, bodies render as escaped plain text. */
    public KnowledgeBaseBuilder renderer(ContentRenderer renderer) {
        once("renderer");
        this.renderer = Check.notNull("renderer", renderer);
        return this;
    }

    /** The clock for timestamps, scheduled transitions and review dates (default: UTC system clock). */
    public KnowledgeBaseBuilder clock(Clock clock) {
        once("clock");
        this.clock = Check.notNull("clock", clock);
        return this;
    }

    /** Who may do what (default: {@link PermissionPolicy#roleBased()}). */
    public KnowledgeBaseBuilder permissionPolicy(PermissionPolicy policy) {
        once("permissionPolicy");
        this.permissions = Check.notNull("permissionPolicy", policy);
        return this;
    }

    /** Whether the approving reviewer must differ from the author and submitter (default false). */
    public KnowledgeBaseBuilder requireDistinctReviewer(boolean required) {
        once("requireDistinctReviewer");
        this.distinctReviewer = required;
        return this;
    }

    /** Whether publishing needs an approval (default true); when false, drafts can be published directly. */
    public KnowledgeBaseBuilder requireReview(boolean required) {
        once("requireReview");
        this.reviewRequired = required;
        return this;
    }

    /** Adds a host-defined rule to the publish gate. */
    public KnowledgeBaseBuilder editorialRule(EditorialRule rule) {
        rules.add(Check.notNull("editorialRule", rule));
        return this;
    }

    /** What happens to articles past their review date (default {@link StalePolicy#FLAG}). */
    public KnowledgeBaseBuilder stalePolicy(StalePolicy policy) {
        once("stalePolicy");
        this.stalePolicy = Check.notNull("stalePolicy", policy);
        return this;
    }

    /** The last locale of every fallback chain (default {@code en}). */
    public KnowledgeBaseBuilder defaultLocale(Locale locale) {
        once("defaultLocale");
        this.defaultLocale = Locales.check(Check.notNull("defaultLocale", locale));
        return this;
    }

    /** The largest body accepted, in UTF-8 bytes (default 1 MiB, at most 16 MiB). */
    public KnowledgeBaseBuilder maxBodyBytes(int bytes) {
        once("maxBodyBytes");
        this.maxBodyBytes = Check.range("maxBodyBytes", bytes, 1, InputLimits.MAX_BODY_BYTES_LIMIT);
        return this;
    }

    /** Maps articles to the host's URLs, for internal links (default {@link LinkResolver#relative()}). */
    public KnowledgeBaseBuilder linkResolver(LinkResolver resolver) {
        once("linkResolver");
        this.linkResolver = Check.notNull("linkResolver", resolver);
        return this;
    }

    /** Shares threads and cache memory with other knowledge bases; the caller closes it. */
    public KnowledgeBaseBuilder shared(SharedResources resources) {
        once("shared");
        this.shared = Check.notNull("shared", resources);
        return this;
    }

    /** How often scheduled transitions run (default 30 s); {@link Duration#ZERO} turns the timer off. */
    public KnowledgeBaseBuilder schedulerInterval(Duration interval) {
        once("schedulerInterval");
        this.schedulerInterval = notNegative("schedulerInterval", interval);
        return this;
    }

    /**
     * How often a knowledge base on a shared store ({@code ArticleStore.shared()}, e.g. PostgreSQL) polls the
     * store's change feed for what other nodes committed (default 1 s, between 10 ms and 1 hour). The store's
     * notifications usually bring changes much sooner; the poll is the bound when one is lost. Not used for a store
     * one process owns.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public KnowledgeBaseBuilder followInterval(Duration interval) {
        once("followInterval");
        Check.notNull("followInterval", interval);
        if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidArgumentException("followInterval", "must be between 10 ms and 1 hour, got "
                    + interval);
        }
        this.followInterval = interval;
        return this;
    }

    /** Repeated views of an article by one viewer within this window count once (default 30 minutes). */
    public KnowledgeBaseBuilder viewDedupWindow(Duration window) {
        once("viewDedupWindow");
        this.viewDedupWindow = notNegative("viewDedupWindow", window);
        return this;
    }

    /** How many analytics events may wait to be written before new ones are dropped (default 65,536). */
    public KnowledgeBaseBuilder analyticsQueueCapacity(int capacity) {
        once("analyticsQueueCapacity");
        this.analyticsQueueCapacity = Check.range("analyticsQueueCapacity", capacity, 1, Integer.MAX_VALUE);
        return this;
    }

    /** How many days of search analytics are kept (default 365). */
    public KnowledgeBaseBuilder analyticsRetentionDays(int days) {
        once("analyticsRetentionDays");
        this.analyticsRetentionDays = Check.range("analyticsRetentionDays", days, 1, 36_500);
        return this;
    }

    /**
     * How many distinct viewers (told apart by the session id passed to
     * {@link KnowledgeBase#search(ViewerContext, dev.savoir.kb.search.SearchRequest, String)}) must have searched a
     * query within the analytics retention before autocomplete offers it to other viewers as a popular query
     * (default {@value #DEFAULT_POPULAR_QUERY_MIN_VIEWERS}, at least {@value #MIN_POPULAR_QUERY_VIEWERS}). Repeated
     * searches by one viewer count once; searches without a session id never count.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public KnowledgeBaseBuilder popularQueryMinViewers(int viewers) {
        once("popularQueryMinViewers");
        this.popularQueryMinViewers = Check.range("popularQueryMinViewers", viewers, MIN_POPULAR_QUERY_VIEWERS,
                1_000_000);
        return this;
    }

    /**
     * Whether search analytics stores queries as typed (normalized) instead of with what looks like personal data
     * (e-mail addresses, phone, card and account numbers, long digit runs, URLs with tokens) masked as
     * {@code <email>}, {@code <phone>}... (default false: masked). Raw text then appears in the analytics reports,
     * which are for staff; popular-query suggestions never carry personal data either way.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public KnowledgeBaseBuilder analyticsRawText(boolean raw) {
        once("analyticsRawText");
        this.analyticsRawText = raw;
        return this;
    }

    /**
     * Tells an observer about searches, store writes, rebuild and import progress, and lets it poll the index status
     * and the caches, e.g. kb-micrometer's {@code SavoirMetrics} (default: none, and then nothing is timed). It
     * never sees query text; an exception it throws is logged and ignored.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public KnowledgeBaseBuilder observer(KnowledgeBaseObserver observer) {
        once("observer");
        this.observer = Check.notNull("observer", observer);
        return this;
    }

    /**
     * Where the decisions on learned search vocabulary live (default: the knowledge base's folder, or memory), e.g.
     * kb-jdbc's PostgreSQL store, which {@code PostgresStores.configure} sets.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public KnowledgeBaseBuilder learningStore(LearningStore store) {
        once("learningStore");
        this.learningStore = Check.notNull("learningStore", store);
        return this;
    }

    /**
     * How many distinct sessions must make a reformulation before {@link KnowledgeBase#learning()} proposes it as a
     * synonym or correction (default {@value dev.savoir.kb.learning.Learning#DEFAULT_MIN_SESSIONS}, 2 to 1,000,000).
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public KnowledgeBaseBuilder learningMinSessions(int sessions) {
        once("learningMinSessions");
        this.learningMinSessions = Check.range("learningMinSessions", sessions, 2, 1_000_000);
        return this;
    }

    /** Receives the number of articles indexed so far while the search index is rebuilt. */
    public KnowledgeBaseBuilder onRebuildProgress(LongConsumer progress) {
        once("onRebuildProgress");
        this.rebuildProgress = Check.notNull("onRebuildProgress", progress);
        return this;
    }

    private static Duration notNegative(String parameter, @Nullable Duration d) {
        if (Check.notNull(parameter, d).isNegative()) {
            throw new InvalidArgumentException(parameter, "must not be negative, got " + d);
        }
        return d;
    }

    /**
     * Opens the knowledge base: opens or creates the store, opens the search engine and catches its index up with
     * the store.
     *
     * @throws InvalidArgumentException if neither a directory, {@code inMemory()} nor a store was chosen
     * @throws StoreLockedException if another process has the directory open
     */
    public KnowledgeBase build() {
        if (directory == null && !inMemory && store == null) {
            throw new InvalidArgumentException("directory", "choose where the knowledge base lives: directory(path), "
                    + "inMemory() or store(...)");
        }
        Settings settings = new Settings(directory, inMemory, store, engineFactory, renderer, clock, permissions,
                distinctReviewer, reviewRequired, rules, stalePolicy, defaultLocale, maxBodyBytes, linkResolver,
                shared, schedulerInterval, rebuildProgress, viewDedupWindow, analyticsQueueCapacity,
                analyticsRetentionDays, feedbackStore, analyticsStore, schedulerLease, popularQueryMinViewers,
                analyticsRawText, followInterval, observer, workflowStore, learningStore, learningMinSessions);
        boolean ownsShared = shared == null;
        SharedResources res = shared != null ? shared : SharedResources.create();
        CompletableFuture<ArticleStore> opening;
        if (store != null) {
            opening = CompletableFuture.completedFuture(store);
        } else if (inMemory) {
            opening = CompletableFuture.completedFuture(new InMemoryArticleStore());
        } else {
            StoreLock locked;
            try {
                // Locked first, on this thread: nothing beside the store is touched while another process holds it.
                locked = FileArticleStore.lock(directory.resolve("store"));
            } catch (RuntimeException e) {
                if (ownsShared) {
                    res.close();
                }
                throw e;
            }
            // Reading the store and opening the search index are independent: do both at once.
            opening = new CompletableFuture<>();
            CompletableFuture<ArticleStore> target = opening;
            Thread.ofPlatform().name("savoir-store-open").daemon(true).start(() -> {
                try {
                    target.complete(locked.open(res.cache()));
                } catch (Throwable t) {
                    target.completeExceptionally(t);
                }
            });
        }
        CompletableFuture<ArticleStore> pending = opening;
        try {
            return new KnowledgeBase(Services.open(settings, () -> await(pending), res, ownsShared, res.cache()));
        } catch (RuntimeException e) {
            try {
                await(pending).close();
            } catch (RuntimeException storeFailure) {
                // It failed to open: nothing to close (and its failure is the one thrown, or suppressed in it).
            }
            if (ownsShared) {
                res.close();
            }
            throw e;
        }
    }

    /** The store once opened, or its own failure rethrown. */
    private static ArticleStore await(CompletableFuture<ArticleStore> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
