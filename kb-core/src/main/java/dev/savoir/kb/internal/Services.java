package dev.savoir.kb.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.SharedResources;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.internal.analytics.FileAnalyticsStore;
import dev.savoir.kb.internal.analytics.RecordingSearchAnalytics;
import dev.savoir.kb.internal.feedback.Feedback;
import dev.savoir.kb.internal.feedback.FileFeedbackStore;
import dev.savoir.kb.inbox.Inbox;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.gate.PublishGate;
import dev.savoir.kb.internal.inbox.InboxService;
import dev.savoir.kb.internal.index.FeedFollower;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.internal.io.ArchiveImport;
import dev.savoir.kb.internal.learning.ContributedKpis;
import dev.savoir.kb.internal.learning.FileLearningStore;
import dev.savoir.kb.internal.learning.LearningPathService;
import dev.savoir.kb.internal.learning.LearningService;
import dev.savoir.kb.internal.lifecycle.Lifecycle;
import dev.savoir.kb.internal.lifecycle.ScheduledTransitions;
import dev.savoir.kb.internal.lifecycle.Transitions;
import dev.savoir.kb.internal.read.EditorReads;
import dev.savoir.kb.internal.read.ReaderView;
import dev.savoir.kb.internal.reports.Reports;
import dev.savoir.kb.internal.privacy.ViewerPrivacy;
import dev.savoir.kb.internal.search.PopularQueries;
import dev.savoir.kb.internal.search.SearchService;
import dev.savoir.kb.internal.write.ArticleWriter;
import dev.savoir.kb.internal.workflow.FileWorkflowStore;
import dev.savoir.kb.internal.write.ChangePipeline;
import dev.savoir.kb.learning.LearningPaths;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import dev.savoir.kb.spi.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of one knowledge base: every feature object, built once from the {@link Settings}, and the order in
 * which they open and close. The facade holds one of these and delegates every call to one feature.
 *
 * <p>What sits beside the store (feedback, analytics, the search engine) opens while the store may still be reading
 * on another thread; then the index catches up with the store and the background tasks start.
 */
public final class Services implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Services.class);

    public final KbContext context;
    public final InputLimits limits;
    public final IndexSync index;
    public final ChangePipeline pipeline;
    public final ArticleWriter writer;
    public final Lifecycle lifecycle;
    public final ScheduledTransitions scheduled;
    public final ReaderView reader;
    public final EditorReads editor;
    public final Feedback feedback;
    public final SearchAnalytics analytics;
    public final SearchService search;
    public final ViewerPrivacy privacy;
    public final Reports reports;
    public final ArchiveImport archives;
    public final Inbox inbox;
    public final LearningPaths learningPaths;
    public final LearningService learning;

    private final AnalyticsStore analyticsStore;
    private final WorkflowStore workflowStore;
    private final SharedResources shared;
    private final boolean ownsShared;
    private final @Nullable ScheduledFuture<?> scheduledTask;
    private final @Nullable FeedFollower follower;
    private final ScheduledFuture<?> housekeeping;
    private final RetryLog flushFailures = new RetryLog(LOG, "The background flush of feedback and analytics");
    private final RetryLog repairFailures = new RetryLog(LOG, "The background repair of the search index");
    private final @Nullable ScheduledFuture<?> vocabularyReload;

    private Services(Settings s, ArticleStore store, @Nullable SearchEngine engine, FeedbackStore feedbackStore,
                     AnalyticsStore analyticsStore, WorkflowStore workflowStore, LearningStore learningStore,
                     ContentRenderer renderer, SharedResources shared, boolean ownsShared, Cache<?, ?> revisionCache) {
        this.shared = shared;
        this.workflowStore = workflowStore;
        this.ownsShared = ownsShared;
        this.analyticsStore = analyticsStore;
        this.context = new KbContext(store, s.clock(), s.permissions(), s.defaultLocale(),
                Observing.of(s.observer()));
        this.limits = new InputLimits(s.maxBodyBytes());
        this.index = new IndexSync(context, engine);
        this.pipeline = new ChangePipeline(context, index);
        PublishGate gate = new PublishGate(store::article, renderer, s.rules());
        Transitions transitions = new Transitions(s.reviewRequired(), s.distinctReviewer());
        this.writer = new ArticleWriter(context, pipeline, limits, gate);
        this.lifecycle = new Lifecycle(context, pipeline, transitions, gate);
        Duration interval = s.schedulerInterval().isZero() ? Duration.ofSeconds(30) : s.schedulerInterval();
        this.scheduled = new ScheduledTransitions(context, pipeline, transitions, gate, s.schedulerLease(),
                interval.multipliedBy(3));
        this.reader = new ReaderView(context, s.stalePolicy(), renderer, s.linkResolver());
        this.editor = new EditorReads(context);
        this.feedback = new Feedback(context, feedbackStore, reader, editor, engine);
        this.analytics = new RecordingSearchAnalytics(analyticsStore, s.clock(), s.analyticsRawText());
        this.search = new SearchService(index, analytics, new PopularQueries(s.popularQueryMinViewers(),
                Duration.ofDays(s.analyticsRetentionDays()), s.clock()), s.linkResolver(), context.observing());
        this.privacy = new ViewerPrivacy(context, feedback, analyticsStore, search, workflowStore);
        this.reports = new Reports(context, feedbackStore);
        this.archives = new ArchiveImport(context, pipeline, editor, feedback, limits);
        this.inbox = new InboxService(context, s.permissions(), workflowStore, reader, writer, limits);
        this.learningPaths = new LearningPathService(context, workflowStore);
        this.learning = new LearningService(context, analyticsStore, learningStore, index, s.learningMinSessions(),
                reports::dueForReview, new ContributedKpis(inbox, learningPaths));
        learning.push();
        long caughtUp = index.catchUp(s.rebuildProgress());
        if (store.shared() && index.hasEngine()) {
            // Other processes commit to this store: the index follows its feed from where the catch-up ended.
            index.startFollowing(caughtUp);
            this.follower = new FeedFollower(() -> pipeline.follow(FeedFollower.LIMIT), store, shared.scheduler(),
                    s.followInterval());
        } else {
            this.follower = null;
        }
        long every = s.schedulerInterval().toMillis();
        this.scheduledTask = every > 0
                ? shared.scheduler().scheduleWithFixedDelay(scheduled::processQuietly, every, every,
                TimeUnit.MILLISECONDS)
                : null;
        this.housekeeping = shared.scheduler().scheduleWithFixedDelay(this::housekeepingQuietly, 200, 200,
                TimeUnit.MILLISECONDS);
        context.observing().opened(new ObservedView(context, index, revisionCache, renderer));
        long reload = Math.max(1_000, s.followInterval().toMillis());
        this.vocabularyReload = learningStore.shared() && index.hasEngine()
                ? shared.scheduler().scheduleWithFixedDelay(learning::pushQuietly, reload, reload,
                TimeUnit.MILLISECONDS)
                : null;
    }

    /**
     * Opens a knowledge base's features around a store that may still be opening.
     *
     * @param store the store once opened (waits for it), or its own failure
     * @param revisionCache the shared revision cache, for the observer's cache statistics
     */
    public static Services open(Settings s, Supplier<ArticleStore> store, SharedResources shared,
                                boolean ownsShared, Cache<?, ?> revisionCache) {
        ContentRenderer renderer = AnalysisMemo.of(s.renderer() != null ? s.renderer() : new PlainTextRenderer());
        Path dir = s.directory();
        FeedbackStore fb = null;
        AnalyticsStore an = null;
        WorkflowStore wf = null;
        LearningStore ls = null;
        SearchEngine engine = null;
        try {
            fb = s.feedbackStore() != null ? s.feedbackStore()
                    : new FileFeedbackStore(dir == null ? null : dir.resolve("feedback"), s.viewDedupWindow(),
                    s.clock());
            an = s.analyticsStore() != null ? s.analyticsStore()
                    : new FileAnalyticsStore(dir == null ? null : dir.resolve("analytics"),
                    s.analyticsQueueCapacity(), s.analyticsRetentionDays(), s.clock().instant());
            wf = s.workflowStore() != null ? s.workflowStore()
                    : new FileWorkflowStore(dir == null ? null : dir.resolve("workflow"));
            ls = s.learningStore() != null ? s.learningStore()
                    : new FileLearningStore(dir == null ? null : dir.resolve("learning"));
            if (s.engineFactory() != null) {
                engine = s.engineFactory().open(new SearchEngineContext(dir == null ? null : dir.resolve("index"),
                        s.clock(), s.defaultLocale(), s.stalePolicy(), renderer, shared.scheduler()));
            }
        } catch (RuntimeException e) {
            // The builder closes the store; release what was opened here.
            closeAll(engine, an, fb, wf, ls);
            try {
                store.get();
            } catch (RuntimeException storeFailure) {
                // The store's own failure (damaged, unreadable) says more than a failure beside it.
                storeFailure.addSuppressed(e);
                throw storeFailure;
            }
            throw e;
        }
        try {
            return new Services(s, store.get(), engine, fb, an, wf, ls, renderer, shared, ownsShared, revisionCache);
        } catch (RuntimeException e) {
            closeAll(engine, an, fb, wf, ls);
            throw e;
        }
    }

    private static void closeAll(@Nullable SearchEngine engine, @Nullable AnalyticsStore analytics,
                                 @Nullable FeedbackStore feedback, @Nullable WorkflowStore workflow,
                                 @Nullable LearningStore learning) {
        if (engine != null) {
            engine.close();
        }
        if (analytics != null) {
            analytics.close();
        }
        if (feedback != null) {
            feedback.close();
        }
        if (workflow != null) {
            workflow.close();
        }
        if (learning != null) {
            learning.close();
        }
    }

    /** On a shared store: reads the feed to its end now, so that what other processes committed is indexed. */
    public void followNow() {
        if (follower != null) {
            follower.followNow();
        }
    }

    private void housekeepingQuietly() {
        if (context.isClosed()) {
            return;
        }
        try {
            analyticsStore.flush();
            feedback.flush();
            feedback.followStore();
            feedback.pushSignals();
            flushFailures.succeeded();
        } catch (RuntimeException e) {
            flushFailures.failed(e);
        }
        try {
            pipeline.repairIndex(false);
            repairFailures.succeeded();
        } catch (RuntimeException e) {
            repairFailures.failed(e);
        }
    }

    /** Closes everything, the store last; idempotent. */
    @Override
    public synchronized void close() {
        if (context.isClosed()) {
            return;
        }
        context.close();
        context.observing().closed();
        if (scheduledTask != null) {
            scheduledTask.cancel(false);
        }
        housekeeping.cancel(false);
        if (vocabularyReload != null) {
            vocabularyReload.cancel(false);
        }
        try {
            if (follower != null) {
                follower.close();
                index.stopFollowing();
            }
            feedback.pushSignals();
            scheduled.release();
            index.close();
        } finally {
            try {
                analyticsStore.close();
                feedback.store().close();
                workflowStore.close();
                learning.store().close();
            } finally {
                context.store().close();
                if (ownsShared) {
                    shared.close();
                }
            }
        }
    }
}
