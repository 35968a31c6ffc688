package dev.savoir.kb;

import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.policy.PublishCandidate;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.reports.ArticleReport;
import dev.savoir.kb.reports.OutdatedTranslation;
import dev.savoir.kb.reports.ReviewDue;
import dev.savoir.kb.reports.StaleArticle;
import dev.savoir.kb.internal.Contents;
import dev.savoir.kb.internal.PlainTextRenderer;
import dev.savoir.kb.internal.analytics.AnalyticsEngine;
import dev.savoir.kb.internal.analytics.RecordingSearchAnalytics;
import dev.savoir.kb.internal.feedback.FeedbackStore;
import dev.savoir.kb.internal.store.FileArticleStore;
import dev.savoir.kb.internal.store.InMemoryArticleStore;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.RenderContext;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A knowledge base: articles with translations, revisions and a governed lifecycle, a durable store, and (with a
 * search engine plugged in) search. The one entry point of a host application.
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.builder().directory(Path.of("kb-data")).build()) {
 *     Article a = kb.create(alice, NewArticle.builder("reset-password")
 *             .category("Account > Password").visibility(Visibility.PUBLIC)
 *             .title("Reset your password").body("Open **Settings**...").build());
 *     kb.submitForReview(alice, a.id(), Locale.ENGLISH, 1);
 *     kb.approve(bob, a.id(), Locale.ENGLISH, 1);
 *     kb.publish(bob, a.id(), Locale.ENGLISH, 1);
 * }
 * }</pre>
 *
 * <p><b>Writes</b> name the actor (checked against the {@link PermissionPolicy}) and the revision or version they are
 * based on: a change based on a stale revision fails with {@link RevisionConflictException}, never overwriting
 * someone else's work. Each write is stored durably and atomically before the method returns, then indexed, then
 * reported to listeners as {@link AuditEvent}s.
 *
 * <p><b>Reads</b> for readers take a {@link ViewerContext} and return only what that viewer may see; editors' reads
 * (history, drafts, diffs, audit trail) take an {@link Actor} allowed to {@link Action#READ_DRAFTS}.
 *
 * <p>Thread-safe. Changes to one article are serialized; changes to different articles run in parallel.
 *
 * @since 0.1
 */
public final class KnowledgeBase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

    /** The default limit of a body, in UTF-8 bytes (1 MiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** The longest title that can be saved; the publish gate allows {@value #PUBLISH_MAX_TITLE}. */
    public static final int MAX_TITLE_CHARS = 1_000;
    /** The longest summary that can be saved; the publish gate allows {@value #PUBLISH_MAX_SUMMARY}. */
    public static final int MAX_SUMMARY_CHARS = 5_000;
    /** The longest title the publish gate accepts. */
    public static final int PUBLISH_MAX_TITLE = 200;
    /** The longest summary the publish gate accepts. */
    public static final int PUBLISH_MAX_SUMMARY = 1_000;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_CHARS = 100;
    static final int MAX_ATTRIBUTES = 100;
    static final int MAX_ATTRIBUTE_KEY = 64;
    static final int MAX_ATTRIBUTE_VALUE = 2_000;
    static final String SYSTEM_ACTOR = "system";
    /** Articles per call of the search engine's {@code apply} when many are written at once. */
    private static final int INDEX_BATCH = 500;

    private final ArticleStore store;
    private final @Nullable SearchEngine engine;
    private final ContentRenderer renderer;
    private final Clock clock;
    private final PermissionPolicy permissions;
    private final boolean distinctReviewer;
    private final boolean reviewRequired;
    private final List<EditorialRule> rules;
    private final StalePolicy stalePolicy;
    private final Locale defaultLocale;
    private final int maxBodyBytes;
    private final LinkResolver linkResolver;
    private final SharedResources shared;
    private final boolean ownsShared;
    private final List<KnowledgeBaseListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock[] stripes = new ReentrantLock[128];
    private final @Nullable ScheduledFuture<?> scheduledTask;
    private final ScheduledFuture<?> housekeeping;
    private final FeedbackStore feedback;
    private final AnalyticsEngine analyticsEngine;
    private final SearchAnalytics analytics;
    private final Set<ArticleId> signalsDirty = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Opens what sits beside the store (feedback, analytics, the search engine) while {@code store} may still be
     * reading on another thread, then waits for it and catches the index up.
     */
    private KnowledgeBase(Builder b, java.util.function.Supplier<ArticleStore> store, SharedResources shared,
                          boolean ownsShared) {
        this.shared = shared;
        this.ownsShared = ownsShared;
        this.renderer = b.renderer != null ? b.renderer : new PlainTextRenderer();
        this.clock = b.clock;
        this.permissions = b.permissions;
        this.distinctReviewer = b.distinctReviewer;
        this.reviewRequired = b.reviewRequired;
        this.rules = List.copyOf(b.rules);
        this.stalePolicy = b.stalePolicy;
        this.defaultLocale = b.defaultLocale;
        this.maxBodyBytes = b.maxBodyBytes;
        this.linkResolver = b.linkResolver;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        FeedbackStore fb = null;
        AnalyticsEngine ae = null;
        SearchEngine opened = null;
        ArticleStore s;
        try {
            fb = new FeedbackStore(b.directory == null ? null : b.directory.resolve("feedback"), b.viewDedupWindow,
                    clock);
            ae = new AnalyticsEngine(b.directory == null ? null : b.directory.resolve("analytics"),
                    b.analyticsQueueCapacity, b.analyticsRetentionDays, clock.instant());
            if (b.engineFactory != null) {
                Path indexDir = b.directory == null ? null : b.directory.resolve("index");
                opened = b.engineFactory.open(new SearchEngineContext(indexDir, clock, defaultLocale, stalePolicy,
                        renderer, shared.scheduler()));
            }
        } catch (RuntimeException e) {
            // The builder closes the store; release what this constructor opened.
            closeAll(opened, ae, fb);
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
            s = store.get();
        } catch (RuntimeException e) {
            closeAll(opened, ae, fb);
            throw e;
        }
        this.store = s;
        this.feedback = fb;
        this.analyticsEngine = ae;
        this.analytics = new RecordingSearchAnalytics(ae, clock);
        this.engine = opened;
        try {
            if (opened != null) {
                catchUpIndex(b.rebuildProgress);
            }
        } catch (RuntimeException e) {
            closeAll(opened, ae, fb);
            throw e;
        }
        long every = b.schedulerInterval.toMillis();
        this.scheduledTask = every > 0
                ? shared.scheduler().scheduleWithFixedDelay(this::processScheduledQuietly, every, every,
                TimeUnit.MILLISECONDS)
                : null;
        this.housekeeping = shared.scheduler().scheduleWithFixedDelay(this::housekeepingQuietly, 200, 200,
                TimeUnit.MILLISECONDS);
    }

    private static void closeAll(@Nullable SearchEngine engine, @Nullable AnalyticsEngine analytics,
                                 @Nullable FeedbackStore feedback) {
        if (engine != null) {
            engine.close();
        }
        if (analytics != null) {
            analytics.close();
        }
        if (feedback != null) {
            feedback.close();
        }
    }

    /** Starts configuring a knowledge base. */
    public static Builder builder() {
        return new Builder();
    }

    // =================================================================== writes

    /**
     * Creates an article with revision 1 of its source translation, as a draft.
     *
     * @throws DuplicateArticleException if the id is taken
     * @throws ValidationException if a field is invalid or too long (every problem is listed)
     */
    public Article create(Actor actor, NewArticle spec) {
        requireOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(spec, "spec");
        checkContent(spec.content());
        checkMetadata(spec.owner(), spec.tags(), spec.attributes());
        permit(actor, Action.CREATE, null);
        ReentrantLock lock = lockFor(spec.id());
        lock.lock();
        try {
            if (store.article(spec.id()).isPresent()) {
                throw new DuplicateArticleException("an article with id " + spec.id()
                        + " already exists: choose another id, or edit the existing article");
            }
            Instant now = clock.instant();
            Locale locale = spec.sourceLocale();
            Revision rev = newRevision(spec.id(), locale, 1, spec.content(), actor, now, spec.changeNote(), null);
            Translation t = new Translation(locale, TranslationState.DRAFT, 1, null, null, null, null, null, null,
                    now);
            Instant due = spec.reviewInterval() == null ? null : now.plus(spec.reviewInterval());
            Article article = new Article(spec.id(), 1, spec.category(), spec.type(), spec.owner(), spec.tags(),
                    spec.attributes(), spec.visibility(), locale, spec.reviewInterval(), null, null, due, now, now,
                    Map.of(locale, t));
            AuditEvent event = new AuditEvent(now, actor.id(), spec.id(), locale, AuditAction.CREATED, null,
                    TranslationState.DRAFT, 1, "");
            long seq = store.commit(new StoreCommit(article, 0, List.of(rev), List.of(event)));
            LOG.debug("Created {} [{}] by {}", spec.id(), locale.toLanguageTag(), actor.id());
            afterCommit(article, seq, List.of(event));
            return article;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates many articles at once (an import): every one is validated first, and if any is invalid or its id is
     * taken (or repeated in the batch) nothing is written. The articles are then stored in groups that share one
     * flush to disk each, instead of one per article, and indexed in batches.
     *
     * @return the created articles, in the order given
     * @throws ValidationException listing the problems of every invalid article
     * @throws DuplicateArticleException if an id exists already or appears twice
     */
    public List<Article> createAll(Actor actor, List<NewArticle> specs) {
        requireOpen();
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(specs, "specs");
        permit(actor, Action.CREATE, null);
        List<Violation> problems = new ArrayList<>();
        Set<ArticleId> ids = new java.util.HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            NewArticle spec = Objects.requireNonNull(specs.get(i), "specs[" + i + "]");
            try {
                checkContent(spec.content());
                checkMetadata(spec.owner(), spec.tags(), spec.attributes());
            } catch (ValidationException e) {
                for (Violation v : e.violations()) {
                    problems.add(new Violation(v.field(), spec.id() + ": " + v.message()));
                }
            }
            if (!ids.add(spec.id())) {
                throw new DuplicateArticleException("the id " + spec.id() + " appears twice in the batch");
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int[] stripesHeld = ids.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
        for (int s : stripesHeld) {
            stripes[s].lock();
        }
        try {
            for (ArticleId id : ids) {
                if (store.article(id).isPresent()) {
                    throw new DuplicateArticleException("an article with id " + id
                            + " already exists: nothing of this batch was written");
                }
            }
            Instant now = clock.instant();
            List<StoreCommit> commits = new ArrayList<>(specs.size());
            List<Article> created = new ArrayList<>(specs.size());
            List<AuditEvent> events = new ArrayList<>(specs.size());
            for (NewArticle spec : specs) {
                Locale locale = spec.sourceLocale();
                Revision rev = newRevision(spec.id(), locale, 1, spec.content(), actor, now, spec.changeNote(), null);
                Translation t = new Translation(locale, TranslationState.DRAFT, 1, null, null, null, null, null,
                        null, now);
                Instant due = spec.reviewInterval() == null ? null : now.plus(spec.reviewInterval());
                Article article = new Article(spec.id(), 1, spec.category(), spec.type(), spec.owner(), spec.tags(),
                        spec.attributes(), spec.visibility(), locale, spec.reviewInterval(), null, null, due, now, now,
                        Map.of(locale, t));
                AuditEvent event = new AuditEvent(now, actor.id(), spec.id(), locale, AuditAction.IMPORTED, null,
                        TranslationState.DRAFT, 1, "");
                commits.add(new StoreCommit(article, 0, List.of(rev), List.of(event)));
                created.add(article);
                events.add(event);
            }
            long last = store.commitAll(commits);
            LOG.info("Imported {} articles by {}", created.size(), actor.id());
            if (engine != null) {
                for (int from = 0; from < commits.size(); from += INDEX_BATCH) {
                    List<StoreCommit> batch = commits.subList(from, Math.min(commits.size(), from + INDEX_BATCH));
                    try {
                        engine.apply(batch.stream().map(c -> indexable(c.article(), c.revisions())).toList(), last);
                    } catch (RuntimeException e) {
                        LOG.error("Indexing an imported batch failed; the index catches up when reopened", e);
                    }
                }
            }
            notifyListeners(events);
            return List.copyOf(created);
        } finally {
            for (int i = stripesHeld.length - 1; i >= 0; i--) {
                stripes[stripesHeld[i]].unlock();
            }
        }
    }

    /**
     * Adds a new revision to a translation. A published translation keeps serving its published revision until the
     * new one is published; a translation in review, approved or scheduled goes back to draft.
     *
     * @param basedOnRevision the revision the author started from; must be the latest
     * @throws RevisionConflictException if another revision landed since
     * @throws InvalidTransitionException if the translation is archived
     */
    public Revision edit(Actor actor, ArticleId id, Locale locale, int basedOnRevision, ArticleContent content,
                         String changeNote) {
        return newContent(actor, id, locale, basedOnRevision, content, changeNote, null, null, Action.EDIT);
    }

    /**
     * Edits a translation that is not the source, recording the source revision it now matches (so that it no
     * longer counts as outdated).
     */
    public Revision updateTranslation(Actor actor, ArticleId id, Locale locale, int basedOnRevision,
                                      ArticleContent content, int translatedFromSourceRevision, String changeNote) {
        return newContent(actor, id, locale, basedOnRevision, content, changeNote, null, translatedFromSourceRevision,
                Action.EDIT);
    }

    /**
     * Appends a new revision whose content is that of an old one. Nothing is rewritten.
     *
     * @throws RevisionNotFoundException if {@code revision} does not exist
     */
    public Revision restoreRevision(Actor actor, ArticleId id, Locale locale, int revision, int basedOnRevision,
                                    String changeNote) {
        return newContent(actor, id, locale, basedOnRevision, null, changeNote, revision, null,
                Action.RESTORE_REVISION);
    }

    private Revision newContent(Actor actor, ArticleId id, Locale locale, int basedOnRevision,
                                @Nullable ArticleContent content, String changeNote, @Nullable Integer restoreFrom,
                                @Nullable Integer translatedFrom, Action action) {
        Locales.check(locale);
        if (content != null) {
            checkContent(content);
        }
        return mutate(actor, id, action, (article, now) -> {
            Translation t = translationOf(article, locale);
            checkBasis(id, t, basedOnRevision);
            if (t.state() == TranslationState.ARCHIVED) {
                throw new InvalidTransitionException(id, locale.toLanguageTag(), t.state(), action,
                        "restore it from the archive first");
            }
            ArticleContent newContent = content;
            if (restoreFrom != null) {
                newContent = store.revision(id, locale, restoreFrom).orElseThrow(() -> new RevisionNotFoundException(
                        id + " [" + locale.toLanguageTag() + "] has no revision " + restoreFrom + " (latest is "
                                + t.latestRevision() + ")")).content();
            }
            if (translatedFrom != null) {
                checkSourceRevision(article, locale, translatedFrom);
            }
            int number = t.latestRevision() + 1;
            Revision rev = newRevision(id, locale, number, Objects.requireNonNull(newContent), actor, now, changeNote,
                    restoreFrom);
            Translation next = new Translation(locale, TranslationState.DRAFT, number, t.publishedRevision(),
                    translatedFrom != null ? translatedFrom : t.translatedFrom(), null, t.scheduledArchiveAt(), null,
                    t.publishedAt(), now);
            AuditAction what = restoreFrom != null ? AuditAction.REVISION_RESTORED : AuditAction.EDITED;
            String detail = restoreFrom != null ? "restored revision " + restoreFrom : changeNote;
            AuditEvent ev = new AuditEvent(now, actor.id(), id, locale, what, t.state(), TranslationState.DRAFT,
                    number, detail);
            return new Mutation<>(withTranslation(article, next, now), List.of(rev), List.of(ev), rev);
        });
    }

    /**
     * Adds a translation in a new locale, as a draft, translated from the given revision of the source.
     *
     * @throws DuplicateArticleException if the article already has a translation in this locale
     */
    public Revision addTranslation(Actor actor, ArticleId id, Locale locale, ArticleContent content,
                                   int translatedFromSourceRevision, String changeNote) {
        Locales.check(locale);
        checkContent(content);
        return mutate(actor, id, Action.ADD_TRANSLATION, (article, now) -> {
            if (article.translations().containsKey(locale)) {
                throw new DuplicateArticleException(id + " already has a translation in " + locale.toLanguageTag()
                        + ": edit it instead");
            }
            checkSourceRevision(article, locale, translatedFromSourceRevision);
            Revision rev = newRevision(id, locale, 1, content, actor, now, changeNote, null);
            Translation t = new Translation(locale, TranslationState.DRAFT, 1, null, translatedFromSourceRevision,
                    null, null, null, null, now);
            AuditEvent ev = new AuditEvent(now, actor.id(), id, locale, AuditAction.TRANSLATION_ADDED, null,
                    TranslationState.DRAFT, 1, "translated from source revision " + translatedFromSourceRevision);
            return new Mutation<>(withTranslation(article, t, now), List.of(rev), List.of(ev), rev);
        });
    }

    /**
     * Changes an article's metadata (category, type, owner, tags, attributes, visibility, review interval).
     *
     * @param basedOnVersion the {@link Article#version()} the change was based on
     * @throws ArticleVersionConflictException if the article changed since
     */
    public Article updateMetadata(Actor actor, ArticleId id, long basedOnVersion, MetadataChange change) {
        Objects.requireNonNull(change, "change");
        return mutate(actor, id, Action.UPDATE_METADATA, (a, now) -> {
            if (a.version() != basedOnVersion) {
                throw new ArticleVersionConflictException(id, basedOnVersion, a.version());
            }
            Set<String> tags = change.tags() != null ? change.tags() : a.tags();
            Map<String, String> attrs = change.attributes() != null ? change.attributes() : a.attributes();
            String owner = change.owner() != null ? change.owner() : a.owner();
            checkMetadata(owner, tags, attrs);
            Duration interval = a.reviewInterval();
            Instant due = a.reviewDueAt();
            if (change.reviewInterval() != null) {
                if (change.reviewInterval().isNegative()) {
                    throw new ValidationException(List.of(new Violation("reviewInterval",
                            "must be positive, or Duration.ZERO to remove it")));
                }
                interval = change.reviewInterval().isZero() ? null : change.reviewInterval();
                Instant from = a.verifiedAt() != null ? a.verifiedAt() : a.createdAt();
                due = interval == null ? null : from.plus(interval);
            }
            Article next = new Article(id, a.version() + 1,
                    change.category() != null ? change.category() : a.category(),
                    change.type() != null ? change.type() : a.type(), owner, tags, attrs,
                    change.visibility() != null ? change.visibility() : a.visibility(), a.sourceLocale(), interval,
                    a.verifiedAt(), a.verifiedBy(), due, a.createdAt(), now, a.translations());
            AuditEvent ev = new AuditEvent(now, actor.id(), id, null, AuditAction.METADATA_CHANGED, null, null, null,
                    describe(change));
            return new Mutation<>(next, List.of(), List.of(ev), next);
        });
    }

    /** Submits a draft for review ({@code DRAFT → IN_REVIEW}). */
    public Translation submitForReview(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return transition(actor, id, locale, Action.SUBMIT, basedOnRevision, (a, t, now) -> {
            require(t.state() == TranslationState.DRAFT, id, t, Action.SUBMIT, "only drafts can be submitted");
            return new Step(t.with(TranslationState.IN_REVIEW, t.latestRevision(), t.publishedRevision(), null,
                    t.scheduledArchiveAt(), actor.id(), t.publishedAt(), now), AuditAction.SUBMITTED, "");
        });
    }

    /**
     * Approves a translation under review ({@code IN_REVIEW → APPROVED}). With
     * {@link Builder#requireDistinctReviewer(boolean)}, the reviewer may not be its author or submitter.
     */
    public Translation approve(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return transition(actor, id, locale, Action.APPROVE, basedOnRevision, (a, t, now) -> {
            require(t.state() == TranslationState.IN_REVIEW, id, t, Action.APPROVE,
                    "submit it for review first");
            if (distinctReviewer) {
                Revision latest = store.revision(id, locale, t.latestRevision()).orElseThrow();
                if (actor.id().equals(latest.author()) || actor.id().equals(t.submittedBy())) {
                    throw new PermissionDeniedException(actor.id(), Action.APPROVE,
                            "this knowledge base requires the reviewer to differ from the author; ask another reviewer");
                }
            }
            return new Step(t.with(TranslationState.APPROVED, t.latestRevision(), t.publishedRevision(), null,
                    t.scheduledArchiveAt(), t.submittedBy(), t.publishedAt(), now), AuditAction.APPROVED, "");
        });
    }

    /** Sends a translation under review back to its author ({@code IN_REVIEW → DRAFT}) with a comment. */
    public Translation requestChanges(Actor actor, ArticleId id, Locale locale, int basedOnRevision, String comment) {
        Objects.requireNonNull(comment, "comment");
        return transition(actor, id, locale, Action.REQUEST_CHANGES, basedOnRevision, (a, t, now) -> {
            require(t.state() == TranslationState.IN_REVIEW, id, t, Action.REQUEST_CHANGES,
                    "only a translation in review can be sent back");
            return new Step(t.with(TranslationState.DRAFT, t.latestRevision(), t.publishedRevision(), null,
                    t.scheduledArchiveAt(), null, t.publishedAt(), now), AuditAction.CHANGES_REQUESTED, comment);
        });
    }

    /**
     * Publishes the latest revision now: readers see it at once. Runs the publish gate (editorial rules).
     *
     * @throws EditorialRulesException listing every rule the revision breaks
     */
    public Translation publish(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return transition(actor, id, locale, Action.PUBLISH, basedOnRevision, (a, t, now) -> {
            requirePublishable(id, t, Action.PUBLISH);
            gate(a, locale, t.latestRevision());
            return new Step(t.with(TranslationState.PUBLISHED, t.latestRevision(), t.latestRevision(), null,
                    t.scheduledArchiveAt(), null, now, now), AuditAction.PUBLISHED, "");
        });
    }

    /**
     * Schedules the latest revision to go live at {@code at} ({@code APPROVED → SCHEDULED}). The publish gate runs
     * now and again at that time. Publication happens on the knowledge base's scheduler, or at the next
     * {@link #processScheduled()}.
     */
    public Translation schedulePublish(Actor actor, ArticleId id, Locale locale, int basedOnRevision, Instant at) {
        Objects.requireNonNull(at, "at");
        return transition(actor, id, locale, Action.SCHEDULE_PUBLISH, basedOnRevision, (a, t, now) -> {
            requirePublishable(id, t, Action.SCHEDULE_PUBLISH);
            if (!at.isAfter(now)) {
                throw new ValidationException(List.of(new Violation("at", "the publish time " + at
                        + " is not in the future: publish now instead")));
            }
            gate(a, locale, t.latestRevision());
            return new Step(t.with(TranslationState.SCHEDULED, t.latestRevision(), t.publishedRevision(), at,
                    t.scheduledArchiveAt(), t.submittedBy(), t.publishedAt(), now), AuditAction.PUBLISH_SCHEDULED,
                    "at " + at);
        });
    }

    /** Withdraws the published revision: readers no longer see this translation. A pending draft stays as it is. */
    public Translation unpublish(Actor actor, ArticleId id, Locale locale) {
        return transition(actor, id, locale, Action.UNPUBLISH, null, (a, t, now) -> {
            require(t.isLive(), id, t, Action.UNPUBLISH, "it is not published");
            TranslationState next = t.state() == TranslationState.PUBLISHED ? TranslationState.DRAFT : t.state();
            return new Step(t.with(next, t.latestRevision(), null, t.scheduledPublishAt(), t.scheduledArchiveAt(),
                    t.submittedBy(), null, now), AuditAction.UNPUBLISHED, "");
        });
    }

    /** Archives a translation: readers no longer see it, editing stops, a schedule is cancelled. */
    public Translation archive(Actor actor, ArticleId id, Locale locale) {
        return transition(actor, id, locale, Action.ARCHIVE, null, (a, t, now) -> {
            require(t.state() != TranslationState.ARCHIVED, id, t, Action.ARCHIVE, "it is already archived");
            return new Step(t.with(TranslationState.ARCHIVED, t.latestRevision(), null, null, null, null, null, now),
                    AuditAction.ARCHIVED, "");
        });
    }

    /** Schedules the translation to be archived at {@code at}. */
    public Translation scheduleArchive(Actor actor, ArticleId id, Locale locale, Instant at) {
        Objects.requireNonNull(at, "at");
        return transition(actor, id, locale, Action.SCHEDULE_ARCHIVE, null, (a, t, now) -> {
            require(t.state() != TranslationState.ARCHIVED, id, t, Action.SCHEDULE_ARCHIVE,
                    "it is already archived");
            if (!at.isAfter(now)) {
                throw new ValidationException(List.of(new Violation("at", "the archive time " + at
                        + " is not in the future: archive now instead")));
            }
            return new Step(t.with(t.state(), t.latestRevision(), t.publishedRevision(), t.scheduledPublishAt(), at,
                    t.submittedBy(), t.publishedAt(), now), AuditAction.ARCHIVE_SCHEDULED, "at " + at);
        });
    }

    /** Brings an archived translation back as a draft ({@code ARCHIVED → DRAFT}); publish it again to show it. */
    public Translation restoreFromArchive(Actor actor, ArticleId id, Locale locale) {
        return transition(actor, id, locale, Action.RESTORE_FROM_ARCHIVE, null, (a, t, now) -> {
            require(t.state() == TranslationState.ARCHIVED, id, t, Action.RESTORE_FROM_ARCHIVE,
                    "only archived translations can be restored");
            return new Step(t.with(TranslationState.DRAFT, t.latestRevision(), null, null, null, null, null, now),
                    AuditAction.RESTORED_FROM_ARCHIVE, "");
        });
    }

    /** Records that the article was checked and is correct: its next review falls due one interval from now. */
    public Article verify(Actor actor, ArticleId id) {
        return mutate(actor, id, Action.VERIFY, (a, now) -> {
            Instant due = a.reviewInterval() == null ? null : now.plus(a.reviewInterval());
            Article next = new Article(id, a.version() + 1, a.category(), a.type(), a.owner(), a.tags(),
                    a.attributes(), a.visibility(), a.sourceLocale(), a.reviewInterval(), now, actor.id(), due,
                    a.createdAt(), now, a.translations());
            AuditEvent ev = new AuditEvent(now, actor.id(), id, null, AuditAction.VERIFIED, null, null, null,
                    due == null ? "" : "next review due " + due);
            return new Mutation<>(next, List.of(), List.of(ev), next);
        });
    }

    /**
     * Publishes scheduled translations and archives translations whose time has come, against the knowledge
     * base's clock. Runs by itself on the scheduler (see {@link Builder#schedulerInterval(Duration)}); call it
     * directly to run it now.
     *
     * @return the number of transitions made
     */
    public int processScheduled() {
        requireOpen();
        int done = 0;
        Instant now = clock.instant();
        for (ArticleId id : store.articleIds()) {
            Article a = store.article(id).orElse(null);
            if (a == null) {
                continue;
            }
            for (Translation t : a.translations().values()) {
                boolean publishDue = t.state() == TranslationState.SCHEDULED && t.scheduledPublishAt() != null
                        && !now.isBefore(t.scheduledPublishAt());
                boolean archiveDue = t.scheduledArchiveAt() != null && !now.isBefore(t.scheduledArchiveAt())
                        && t.state() != TranslationState.ARCHIVED;
                if (publishDue || archiveDue) {
                    try {
                        done += runScheduled(id, t.locale()) ? 1 : 0;
                    } catch (KbException e) {
                        LOG.warn("Scheduled transition of {} [{}] failed: {}", id, t.locale().toLanguageTag(),
                                e.getMessage());
                    }
                }
            }
        }
        return done;
    }

    private boolean runScheduled(ArticleId id, Locale locale) {
        return Boolean.TRUE.equals(mutateAs(null, id, null, (a, now) -> {
            Translation t = translationOf(a, locale);
            if (t.scheduledArchiveAt() != null && !now.isBefore(t.scheduledArchiveAt())
                    && t.state() != TranslationState.ARCHIVED) {
                Translation next = t.with(TranslationState.ARCHIVED, t.latestRevision(), null, null, null, null, null,
                        now);
                AuditEvent ev = new AuditEvent(now, SYSTEM_ACTOR, id, locale, AuditAction.ARCHIVED, t.state(),
                        TranslationState.ARCHIVED, null, "scheduled archive");
                return new Mutation<>(withTranslation(a, next, now), List.of(), List.of(ev), Boolean.TRUE);
            }
            if (t.state() == TranslationState.SCHEDULED && t.scheduledPublishAt() != null
                    && !now.isBefore(t.scheduledPublishAt())) {
                List<Violation> violations = violations(a, locale, t.latestRevision());
                if (!violations.isEmpty()) {
                    Translation back = t.with(TranslationState.APPROVED, t.latestRevision(), t.publishedRevision(),
                            null, t.scheduledArchiveAt(), t.submittedBy(), t.publishedAt(), now);
                    AuditEvent ev = new AuditEvent(now, SYSTEM_ACTOR, id, locale, AuditAction.PUBLISH_SCHEDULED,
                            t.state(), TranslationState.APPROVED, t.latestRevision(),
                            "scheduled publish refused: " + ValidationException.summary(violations));
                    return new Mutation<>(withTranslation(a, back, now), List.of(), List.of(ev), Boolean.FALSE);
                }
                Translation next = t.with(TranslationState.PUBLISHED, t.latestRevision(), t.latestRevision(), null,
                        t.scheduledArchiveAt(), null, now, now);
                AuditEvent ev = new AuditEvent(now, SYSTEM_ACTOR, id, locale, AuditAction.PUBLISHED, t.state(),
                        TranslationState.PUBLISHED, t.latestRevision(), "scheduled publish");
                return new Mutation<>(withTranslation(a, next, now), List.of(), List.of(ev), Boolean.TRUE);
            }
            return null;
        }));
    }

    private void processScheduledQuietly() {
        if (closed) {
            return;
        }
        try {
            int n = processScheduled();
            if (n > 0) {
                LOG.info("Ran {} scheduled transition(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.error("Scheduled transitions failed", e);
        }
    }

    // =================================================================== editors' reads

    /** An article's current state, for an editor. */
    public Article article(Actor actor, ArticleId id) {
        requireOpen();
        Article a = load(id);
        permit(actor, Action.READ_DRAFTS, a);
        return a;
    }

    /** One revision of a translation, for an editor. */
    public Revision revision(Actor actor, ArticleId id, Locale locale, int number) {
        Article a = article(actor, id);
        translationOf(a, locale);
        return store.revision(id, locale, number).orElseThrow(() -> new RevisionNotFoundException(
                id + " [" + locale.toLanguageTag() + "] has no revision " + number));
    }

    /** Every revision of a translation, oldest first, for an editor. */
    public List<Revision> history(Actor actor, ArticleId id, Locale locale) {
        Article a = article(actor, id);
        translationOf(a, locale);
        return store.revisions(id, locale);
    }

    /** The difference between two revisions of a translation, field by field and the body line by line. */
    public RevisionDiff diff(Actor actor, ArticleId id, Locale locale, int fromRevision, int toRevision) {
        return Contents.diff(revision(actor, id, locale, fromRevision), revision(actor, id, locale, toRevision));
    }

    /** Every audit event of an article, oldest first, for an editor. */
    public List<AuditEvent> auditTrail(Actor actor, ArticleId id) {
        article(actor, id);
        return store.auditEvents(id);
    }

    // =================================================================== readers' reads

    /**
     * The published content of an article for a viewer, in the nearest locale of the viewer's fallback chain
     * ({@code fr-CA}, then {@code fr}, then any {@code fr-*}, then the knowledge base's default). Empty when the
     * article does not exist, is not published in any of those locales, or is not visible to this viewer: the
     * three are indistinguishable, so that nothing leaks.
     */
    public Optional<ArticleView> read(ViewerContext viewer, ArticleId id) {
        requireOpen();
        Objects.requireNonNull(viewer, "viewer");
        Article a = store.article(id).orElse(null);
        if (a == null || !viewer.canSee(a.visibility())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean stale = a.needsReview(now);
        if (stale && !viewer.internal() && stalePolicy == StalePolicy.HIDE_FROM_EXTERNAL) {
            return Optional.empty();
        }
        Translation t = bestLive(a, viewer.locale());
        if (t == null || t.publishedRevision() == null) {
            return Optional.empty();
        }
        Revision r = store.revision(id, t.locale(), t.publishedRevision()).orElseThrow();
        return Optional.of(new ArticleView(id, t.locale(), r.number(), r.content(), a.category(), a.type(), a.tags(),
                a.attributes(), a.visibility(), Objects.requireNonNullElse(t.publishedAt(), r.createdAt()), stale,
                a.isOutdated(t.locale())));
    }

    private @Nullable Translation bestLive(Article a, Locale wanted) {
        for (Locale l : Locales.fallbackChain(wanted)) {
            Translation t = a.translations().get(l);
            if (t != null && t.isLive()) {
                return t;
            }
        }
        Translation sameLanguage = liveInLanguage(a, wanted.getLanguage());
        if (sameLanguage != null) {
            return sameLanguage;
        }
        Translation t = a.translations().get(defaultLocale);
        if (t != null && t.isLive()) {
            return t;
        }
        return liveInLanguage(a, defaultLocale.getLanguage());
    }

    private static @Nullable Translation liveInLanguage(Article a, String language) {
        return a.translations().values().stream()
                .filter(t -> t.isLive() && t.locale().getLanguage().equals(language))
                .min((x, y) -> x.locale().toLanguageTag().compareTo(y.locale().toLanguageTag()))
                .orElse(null);
    }

    /**
     * The published article rendered as safe HTML for a viewer; internal links to articles the viewer may not see
     * are rendered as plain text, never revealing their title or URL.
     */
    public Optional<RenderedArticle> render(ViewerContext viewer, ArticleId id) {
        return read(viewer, id).map(view -> new RenderedArticle(view, renderer.render(view.content().body(),
                new RenderContext(id, view.revision(), view.locale(), viewer, target -> linkTarget(viewer, target)))));
    }

    private Optional<String> linkTarget(ViewerContext viewer, String target) {
        if (!ArticleId.isValid(target)) {
            return Optional.empty();
        }
        return read(viewer, ArticleId.of(target)).map(v -> linkResolver.urlFor(v.id(), v.locale()));
    }

    /**
     * Searches for a viewer. Never returns, counts or quotes what the viewer may not see.
     *
     * @throws KbException if no search engine was configured
     * @throws PermissionDeniedException if an external viewer asks for drafts
     */
    public SearchResponse search(ViewerContext viewer, SearchRequest request) {
        return searchAs(viewer, request, null);
    }

    /**
     * Searches for a viewer, recording the search in analytics under the host's session id (which links it to
     * later clicks and tickets for the deflection estimate).
     */
    public SearchResponse search(ViewerContext viewer, SearchRequest request, String sessionId) {
        return searchAs(viewer, request, Objects.requireNonNull(sessionId, "sessionId"));
    }

    private SearchResponse searchAs(ViewerContext viewer, SearchRequest request, @Nullable String sessionId) {
        requireOpen();
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(request, "request");
        if (engine == null) {
            throw new KbException("this knowledge base has no search engine: add the kb-lucene module and call "
                    + ".searchEngine(...) on the builder");
        }
        if (request.includeDrafts() && !viewer.internal()) {
            throw new PermissionDeniedException("external viewer", Action.READ_DRAFTS,
                    "only internal viewers may search drafts");
        }
        SearchResponse response = engine.search(request, viewer);
        if (request.offset() == 0 && !request.includeDrafts()) {
            try {
                analytics.recordSearch(sessionId, viewer, request.query(), response.totalHits(),
                        response.hits().stream().map(dev.savoir.kb.search.SearchHit::articleId).toList(),
                        response.took());
            } catch (RuntimeException e) {
                LOG.debug("search analytics refused an event: {}", e.getMessage());
            }
        }
        return response;
    }

    /** Search analytics: record clicks and tickets, read top queries, knowledge gaps and deflection. */
    public SearchAnalytics analytics() {
        requireOpen();
        return analytics;
    }

    /** Makes every change so far visible to searches now, instead of within the engine's refresh bound. */
    public void refresh() {
        requireOpen();
        if (engine != null) {
            engine.refresh();
        }
    }

    // =================================================================== feedback

    /**
     * Records that a viewer read an article (call it when the article page is shown). Repeated views by the same
     * viewer within the dedup window (30 minutes by default) count once. Views of articles the viewer may not see
     * are ignored.
     *
     * @param viewerKey the host's stable key for the reader (a user id, or a session id for anonymous readers)
     * @return whether the view was counted
     */
    public boolean recordView(ViewerContext viewer, String viewerKey, ArticleId id) {
        requireOpen();
        checkKey("viewerKey", viewerKey);
        Optional<ArticleView> view = read(viewer, id);
        if (view.isEmpty()) {
            return false;
        }
        boolean counted = feedback.view(id, view.get().locale(), viewerKey, clock.instant());
        if (counted) {
            signalsDirty.add(id);
        }
        return counted;
    }

    /**
     * Records a reader's helpful / not-helpful vote on the translation the viewer reads; a second vote by the same
     * viewer replaces the first.
     *
     * @param reason why it did not help (ignored for helpful votes), may be null
     * @param comment a free-text comment (at most 2,000 characters), may be null
     * @throws ArticleNotFoundException if the viewer cannot see the article
     */
    public FeedbackSummary vote(ViewerContext viewer, String viewerKey, ArticleId id, boolean helpful,
                                @Nullable VoteReason reason, @Nullable String comment) {
        requireOpen();
        checkKey("viewerKey", viewerKey);
        if (comment != null && comment.length() > 2_000) {
            throw new ValidationException(List.of(new Violation("comment", "a comment is at most 2,000 characters")));
        }
        ArticleView view = read(viewer, id).orElseThrow(() -> new ArticleNotFoundException("no article " + id));
        feedback.vote(id, view.locale(), viewerKey, helpful, reason, comment, clock.instant());
        signalsDirty.add(id);
        pushSignals();
        return feedback.summary(id);
    }

    /** Records that an agent resolved a ticket with this article ("used to resolve"); a ticket counts once. */
    public FeedbackSummary linkTicket(Actor agent, ArticleId id, String ticketId) {
        requireOpen();
        Objects.requireNonNull(agent, "agent");
        checkKey("ticketId", ticketId);
        load(id);
        feedback.ticket(id, ticketId, clock.instant());
        return feedback.summary(id);
    }

    /** An article's feedback aggregates (views, votes, reasons, ticket links). */
    public FeedbackSummary feedback(ArticleId id) {
        requireOpen();
        return feedback.summary(Objects.requireNonNull(id, "id"));
    }

    /** Views of an article between two instants (whole UTC days). */
    public long views(ArticleId id, Instant from, Instant to) {
        requireOpen();
        return feedback.views(id, from, to);
    }

    /** The latest reader comments on an article, newest first. */
    public List<ReaderComment> comments(Actor actor, ArticleId id) {
        article(actor, id);
        return feedback.comments(id).stream()
                .map(c -> new ReaderComment(c.articleId(), c.locale(), c.helpful(), c.reason(), c.text(), c.at()))
                .toList();
    }

    private static void checkKey(String field, String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new ValidationException(List.of(new Violation(field, field + " must be 1-200 characters")));
        }
    }

    private void pushSignals() {
        if (engine == null || signalsDirty.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (ArticleId id : List.copyOf(signalsDirty)) {
            signalsDirty.remove(id);
            FeedbackSummary f = feedback.summary(id);
            try {
                engine.updateSignals(id, new dev.savoir.kb.search.ArticleSignals(f.helpful(), f.notHelpful(),
                        feedback.views(id, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1))), now));
            } catch (RuntimeException e) {
                LOG.warn("Updating the ranking signals of {} failed", id, e);
            }
        }
    }

    private void housekeepingQuietly() {
        if (closed) {
            return;
        }
        try {
            analyticsEngine.drain();
            feedback.flush();
            pushSignals();
        } catch (RuntimeException e) {
            LOG.warn("Background flush failed", e);
        }
    }

    // =================================================================== export, import

    /** Everything about one article (state, all revisions, audit trail, feedback), for an export. */
    public ArticleArchive exportArchive(Actor actor, ArticleId id) {
        Article a = article(actor, id);
        Map<Locale, List<Revision>> revisions = new LinkedHashMap<>();
        for (Locale l : a.translations().keySet()) {
            revisions.put(l, store.revisions(id, l));
        }
        return new ArticleArchive(a, revisions, store.auditEvents(id), feedback.summary(id));
    }

    /**
     * Imports archived articles (from an export) as one all-or-nothing batch: every archive is checked first and
     * nothing is written if any is invalid or its id exists. Revisions, audit trails and feedback are kept as they
     * were; an {@link AuditAction#IMPORTED} event is added.
     *
     * @param keepStates keep each translation's lifecycle state (published, scheduled, archived...), which needs
     *     an actor allowed to publish; when false every translation comes in as a draft of its latest revision
     * @return the number of articles imported
     * @throws ValidationException listing every problem found, with the article it concerns
     * @throws DuplicateArticleException if an id exists already or repeats in the batch
     */
    public int importArchives(Actor actor, List<ArticleArchive> archives, boolean keepStates) {
        requireOpen();
        Objects.requireNonNull(actor, "actor");
        permit(actor, Action.CREATE, null);
        if (keepStates) {
            permit(actor, Action.PUBLISH, null);
        }
        Instant now = clock.instant();
        List<Violation> problems = new ArrayList<>();
        Set<ArticleId> ids = new java.util.HashSet<>();
        List<StoreCommit> commits = new ArrayList<>(archives.size());
        for (ArticleArchive archive : archives) {
            Article a = archive.article();
            if (!ids.add(a.id())) {
                throw new DuplicateArticleException("the id " + a.id() + " appears twice in the batch");
            }
            List<Revision> all = new ArrayList<>();
            Map<Locale, Translation> translations = new LinkedHashMap<>();
            if (!a.translations().containsKey(a.sourceLocale())) {
                problems.add(new Violation("translations", a.id() + ": no translation in its source locale "
                        + a.sourceLocale().toLanguageTag()));
            }
            for (Translation t : a.translations().values()) {
                List<Revision> revs = archive.revisions().getOrDefault(t.locale(), List.of());
                for (int i = 0; i < revs.size(); i++) {
                    Revision r = revs.get(i);
                    if (r.number() != i + 1 || !r.articleId().equals(a.id()) || !r.locale().equals(t.locale())) {
                        problems.add(new Violation("revisions", a.id() + " [" + t.locale().toLanguageTag()
                                + "]: revision " + r.number() + " is out of place (expected " + (i + 1) + ")"));
                        break;
                    }
                    try {
                        checkContent(r.content());
                    } catch (ValidationException e) {
                        e.violations().forEach(v -> problems.add(new Violation(v.field(), a.id() + " ["
                                + t.locale().toLanguageTag() + "] revision " + r.number() + ": " + v.message())));
                    }
                }
                if (revs.size() != t.latestRevision()) {
                    problems.add(new Violation("revisions", a.id() + " [" + t.locale().toLanguageTag() + "]: "
                            + revs.size() + " revisions but the translation's latest is " + t.latestRevision()));
                }
                if (t.publishedRevision() != null && t.publishedRevision() > t.latestRevision()) {
                    problems.add(new Violation("revisions", a.id() + " [" + t.locale().toLanguageTag()
                            + "]: published revision " + t.publishedRevision() + " does not exist"));
                }
                all.addAll(revs);
                translations.put(t.locale(), keepStates ? t : new Translation(t.locale(), TranslationState.DRAFT,
                        t.latestRevision(), null, t.translatedFrom(), null, null, null, null, now));
            }
            try {
                checkMetadata(a.owner(), a.tags(), a.attributes());
            } catch (ValidationException e) {
                e.violations().forEach(v -> problems.add(new Violation(v.field(), a.id() + ": " + v.message())));
            }
            Article imported = new Article(a.id(), a.version(), a.category(), a.type(), a.owner(), a.tags(),
                    a.attributes(), a.visibility(), a.sourceLocale(), a.reviewInterval(), a.verifiedAt(),
                    a.verifiedBy(), a.reviewDueAt(), a.createdAt(), keepStates ? a.updatedAt() : now, translations);
            List<AuditEvent> events = new ArrayList<>(archive.events());
            events.add(new AuditEvent(now, actor.id(), a.id(), null, AuditAction.IMPORTED, null, null, null,
                    keepStates ? "imported with its states" : "imported as drafts"));
            if (problems.isEmpty()) {
                commits.add(new StoreCommit(imported, 0, all, events));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int[] stripesHeld = ids.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
        for (int s : stripesHeld) {
            stripes[s].lock();
        }
        try {
            for (ArticleId id : ids) {
                if (store.article(id).isPresent()) {
                    throw new DuplicateArticleException("an article with id " + id
                            + " already exists: nothing of this batch was written");
                }
            }
            long last = store.commitAll(commits);
            for (ArticleArchive archive : archives) {
                if (!archive.feedback().equals(FeedbackSummary.EMPTY)) {
                    feedback.restore(archive.article().id(), archive.feedback(), now);
                    signalsDirty.add(archive.article().id());
                }
            }
            if (engine != null) {
                for (int from = 0; from < commits.size(); from += INDEX_BATCH) {
                    List<StoreCommit> batch = commits.subList(from, Math.min(commits.size(), from + INDEX_BATCH));
                    try {
                        engine.apply(batch.stream().map(c -> indexable(c.article(), c.revisions())).toList(), last);
                    } catch (RuntimeException e) {
                        LOG.error("Indexing an imported batch failed; the index catches up when reopened", e);
                    }
                }
            }
            LOG.info("Imported {} archived articles by {}", commits.size(), actor.id());
            notifyListeners(commits.stream().map(c -> c.events().getLast()).toList());
            return commits.size();
        } finally {
            for (int i = stripesHeld.length - 1; i >= 0; i--) {
                stripes[stripesHeld[i]].unlock();
            }
        }
    }

    // ---- search facade (kb-lucene) ----

    /** The most completions {@link #autocomplete} returns. */
    static final int MAX_AUTOCOMPLETE = 50;

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ValidationException(List.of(new Violation("limit", "limit must be between 1 and " + max
                    + ", got " + limit)));
        }
    }

    private dev.savoir.kb.spi.SearchEngine searchEngine() {
        requireOpen();
        if (engine == null) {
            throw new KbException("this knowledge base has no search engine: add the kb-lucene module and call "
                    + ".searchEngine(...) on the builder");
        }
        return engine;
    }

    /**
     * Completions of what a viewer is typing (article titles), at most {@code limit} (1 to 50); never a title the
     * viewer may not see.
     *
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is out of range
     */
    public List<dev.savoir.kb.search.Suggestion> autocomplete(ViewerContext viewer, String prefix, int limit) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(prefix, "prefix");
        checkLimit(limit, MAX_AUTOCOMPLETE);
        return searchEngine().autocomplete(prefix, limit, viewer);
    }

    /**
     * Articles related to one the viewer can see (empty when it cannot), at most {@code limit}, best first.
     *
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is not between 1 and {@link SearchRequest#MAX_LIMIT}
     */
    public List<dev.savoir.kb.search.SearchHit> related(ViewerContext viewer, ArticleId id, int limit) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return searchEngine().related(id, limit, viewer);
    }

    /**
     * Agent assist: articles that answer a support ticket, from its subject and description (greetings,
     * signatures, quoted replies and order numbers are ignored), with the ticket's words that matched.
     *
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is not between 1 and {@link SearchRequest#MAX_LIMIT}
     */
    public List<dev.savoir.kb.search.AssistHit> suggestForTicket(ViewerContext viewer, String subject,
                                                                 String description, int limit) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return searchEngine().assist(subject, description, limit, viewer);
    }

    /**
     * Feeds an article's helpfulness votes and views to search ranking (typically from analytics); replaces the
     * previous values.
     *
     * @throws KbException if no search engine was configured
     */
    public void updateSignals(ArticleId id, dev.savoir.kb.search.ArticleSignals signals) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signals, "signals");
        searchEngine().updateSignals(id, signals);
    }
    // ---- end search facade ----

    // =================================================================== reports

    /** Articles whose review date has passed, most overdue first. */
    public List<ReviewDue> dueForReview() {
        requireOpen();
        Instant now = clock.instant();
        return store.articleIds().stream()
                .map(store::article).flatMap(Optional::stream)
                .filter(a -> a.needsReview(now))
                .map(a -> new ReviewDue(a.id(), a.owner(), Objects.requireNonNull(a.reviewDueAt())))
                .sorted((x, y) -> x.reviewDueAt().compareTo(y.reviewDueAt()))
                .toList();
    }

    /**
     * Articles needing attention: review date passed, or not updated for {@code notUpdatedFor}; overdue reviews
     * first, then the longest untouched.
     */
    public List<StaleArticle> staleArticles(Duration notUpdatedFor) {
        requireOpen();
        Instant now = clock.instant();
        Instant cutoff = now.minus(notUpdatedFor);
        return store.articleIds().stream()
                .map(store::article).flatMap(Optional::stream)
                .filter(a -> a.needsReview(now) || a.updatedAt().isBefore(cutoff))
                .map(a -> new StaleArticle(a.id(), a.owner(), a.reviewDueAt(), a.updatedAt(), a.needsReview(now)))
                .sorted(java.util.Comparator.comparing(StaleArticle::reviewOverdue).reversed()
                        .thenComparing(StaleArticle::updatedAt))
                .toList();
    }

    /** The most viewed articles in [from, to), most viewed first. */
    public List<ArticleReport> articlesByViews(Instant from, Instant to, int limit) {
        requireOpen();
        return feedback.all().keySet().stream()
                .map(id -> Map.entry(id, feedback.views(id, from, to)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<ArticleId, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> report(e.getKey(), e.getValue()))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Articles with at least {@code minVotes} votes, least helpful first (the ones to fix), by the smoothed
     * {@link FeedbackSummary#helpfulness()}.
     */
    public List<ArticleReport> articlesByHelpfulness(int minVotes, int limit) {
        requireOpen();
        return feedback.all().entrySet().stream()
                .filter(e -> e.getValue().helpful() + e.getValue().notHelpful() >= minVotes)
                .sorted(java.util.Comparator.comparingDouble(
                        (Map.Entry<ArticleId, FeedbackSummary> e) -> e.getValue().helpfulness()))
                .limit(limit)
                .map(e -> report(e.getKey(), e.getValue().views()))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<ArticleReport> report(ArticleId id, long views) {
        return store.article(id).map(a -> new ArticleReport(id, store.revision(id, a.sourceLocale(),
                a.source().latestRevision()).map(r -> r.content().title()).orElse(""), a.owner(), views,
                feedback.summary(id)));
    }

    /** Translations whose source has moved on since they were translated. */
    public List<OutdatedTranslation> outdatedTranslations() {
        requireOpen();
        List<OutdatedTranslation> out = new ArrayList<>();
        for (ArticleId id : store.articleIds()) {
            Article a = store.article(id).orElse(null);
            if (a == null) {
                continue;
            }
            Translation src = a.source();
            int ref = src.publishedRevision() != null ? src.publishedRevision() : src.latestRevision();
            for (Translation t : a.translations().values()) {
                if (a.isOutdated(t.locale())) {
                    out.add(new OutdatedTranslation(id, t.locale(), Objects.requireNonNull(t.translatedFrom()), ref));
                }
            }
        }
        return out;
    }

    /** The number of articles. */
    public int size() {
        requireOpen();
        return store.size();
    }

    /** The ids of all articles, sorted. For editors' listings and exports. */
    public List<ArticleId> articleIds() {
        requireOpen();
        return store.articleIds();
    }

    /** The last store sequence number: increases with every change. */
    public long lastChange() {
        return store.lastSequence();
    }

    // =================================================================== listeners, lifecycle

    /** Registers a listener for audit events. */
    public void addListener(KnowledgeBaseListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(KnowledgeBaseListener listener) {
        listeners.remove(listener);
    }

    /** Closes the search engine and the store; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (scheduledTask != null) {
            scheduledTask.cancel(false);
        }
        housekeeping.cancel(false);
        try {
            pushSignals();
            if (engine != null) {
                engine.close();
            }
        } finally {
            analyticsEngine.close();
            feedback.close();
            store.close();
            if (ownsShared) {
                shared.close();
            }
        }
    }

    // =================================================================== internals

    private record Mutation<T>(Article article, List<Revision> revisions, List<AuditEvent> events, T result) {
    }

    private record Step(Translation translation, AuditAction action, String detail) {
    }

    @FunctionalInterface
    private interface Change<T> {
        @Nullable Mutation<T> apply(Article current, Instant now);
    }

    @FunctionalInterface
    private interface TranslationChange {
        Step apply(Article article, Translation current, Instant now);
    }

    private Translation transition(Actor actor, ArticleId id, Locale locale, Action action,
                                   @Nullable Integer basedOnRevision, TranslationChange change) {
        Locales.check(locale);
        return mutate(actor, id, action, (a, now) -> {
            Translation t = translationOf(a, locale);
            if (basedOnRevision != null) {
                checkBasis(id, t, basedOnRevision);
            }
            Step step = change.apply(a, t, now);
            Translation next = step.translation();
            AuditEvent ev = new AuditEvent(now, actor.id(), id, locale, step.action(), t.state(), next.state(),
                    next.latestRevision(), step.detail());
            LOG.debug("{} {} [{}]: {} -> {} by {}", step.action(), id, locale.toLanguageTag(), t.state(),
                    next.state(), actor.id());
            return new Mutation<>(withTranslation(a, next, now), List.of(), List.of(ev), next);
        });
    }

    private <T> T mutate(Actor actor, ArticleId id, Action action, Change<T> change) {
        Objects.requireNonNull(actor, "actor");
        T result = mutateAs(actor, id, action, change);
        return Objects.requireNonNull(result);
    }

    private <T> @Nullable T mutateAs(@Nullable Actor actor, ArticleId id, @Nullable Action action, Change<T> change) {
        requireOpen();
        Objects.requireNonNull(id, "id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Article current = load(id);
            if (actor != null && action != null) {
                permit(actor, action, current);
            }
            Mutation<T> m = change.apply(current, clock.instant());
            if (m == null) {
                return null;
            }
            long seq = store.commit(new StoreCommit(m.article(), current.version(), m.revisions(), m.events()));
            afterCommit(m.article(), seq, m.events());
            return m.result();
        } finally {
            lock.unlock();
        }
    }

    private void afterCommit(Article article, long sequence, List<AuditEvent> events) {
        if (engine != null) {
            try {
                engine.apply(List.of(indexable(article)), sequence);
            } catch (RuntimeException e) {
                LOG.error("Indexing {} failed after it was stored; the index catches up when the knowledge base is "
                        + "reopened", article.id(), e);
            }
        }
        notifyListeners(events);
    }

    private void notifyListeners(List<AuditEvent> events) {
        for (AuditEvent ev : events) {
            if (ev.action() == AuditAction.PUBLISHED || ev.action() == AuditAction.ARCHIVED
                    || ev.action() == AuditAction.UNPUBLISHED) {
                LOG.info("{} {} [{}] by {}", ev.action(), ev.articleId(),
                        ev.locale() == null ? "-" : ev.locale().toLanguageTag(), ev.actor());
            }
            for (KnowledgeBaseListener l : listeners) {
                try {
                    l.onEvent(ev);
                } catch (RuntimeException e) {
                    LOG.warn("A knowledge base listener failed on {} of {}", ev.action(), ev.articleId(), e);
                }
            }
        }
    }

    private IndexableArticle indexable(Article a) {
        return indexable(a, List.of());
    }

    /**
     * What the search engine indexes of an article, taking its revisions from {@code known} (those just committed,
     * still in memory) before reading the store.
     */
    private IndexableArticle indexable(Article a, List<Revision> known) {
        Map<Locale, Revision> published = new HashMap<>();
        Map<Locale, Revision> drafts = new HashMap<>();
        for (Translation t : a.translations().values()) {
            if (t.publishedRevision() != null) {
                revision(a.id(), t.locale(), t.publishedRevision(), known).ifPresent(r -> published.put(t.locale(), r));
            }
            int pub = t.publishedRevision() == null ? 0 : t.publishedRevision();
            if (t.state() != TranslationState.ARCHIVED && t.latestRevision() > pub) {
                revision(a.id(), t.locale(), t.latestRevision(), known).ifPresent(r -> drafts.put(t.locale(), r));
            }
        }
        return new IndexableArticle(a, published, drafts);
    }

    private Optional<Revision> revision(ArticleId id, Locale locale, int number, List<Revision> known) {
        for (Revision r : known) {
            if (r.number() == number && r.locale().equals(locale) && r.articleId().equals(id)) {
                return Optional.of(r);
            }
        }
        return store.revision(id, locale, number);
    }

    private void catchUpIndex(@Nullable LongConsumer progress) {
        SearchEngine e = Objects.requireNonNull(engine);
        long applied = e.appliedSequence();
        long last = store.lastSequence();
        if (applied < 0 || applied > last) {
            LOG.info("Rebuilding the search index from the store ({} articles)", store.size());
            List<ArticleId> ids = store.articleIds();
            Iterator<ArticleId> it = ids.iterator();
            Iterator<IndexableArticle> all = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public IndexableArticle next() {
                    return indexable(load(it.next()));
                }
            };
            e.rebuild(all, last, n -> {
                if (progress != null) {
                    progress.accept(n);
                }
            });
            LOG.info("Rebuilt the search index ({} articles)", ids.size());
        } else if (applied < last) {
            List<StoreChange> changes = store.changesSince(applied, Integer.MAX_VALUE);
            LOG.info("Catching the search index up: {} articles changed since change {}", changes.size(), applied);
            for (int from = 0; from < changes.size(); from += 500) {
                List<StoreChange> batch = changes.subList(from, Math.min(changes.size(), from + 500));
                e.apply(batch.stream().map(c -> indexable(load(c.articleId()))).toList(),
                        batch.getLast().sequence());
            }
            if (!changes.isEmpty()) {
                e.apply(List.of(), last);
            }
        }
    }

    private Article load(ArticleId id) {
        Objects.requireNonNull(id, "id");
        return store.article(id).orElseThrow(() -> new ArticleNotFoundException("no article " + id));
    }

    private static Translation translationOf(Article a, Locale locale) {
        Translation t = a.translations().get(Locales.check(locale));
        if (t == null) {
            throw new TranslationNotFoundException(a.id() + " has no translation in " + locale.toLanguageTag()
                    + " (it has " + a.translations().keySet().stream().map(Locale::toLanguageTag).sorted().toList()
                    + "): add one with addTranslation");
        }
        return t;
    }

    private static void checkBasis(ArticleId id, Translation t, int basedOnRevision) {
        if (basedOnRevision != t.latestRevision()) {
            throw new RevisionConflictException(id, t.locale().toLanguageTag(), basedOnRevision, t.latestRevision());
        }
    }

    private static void require(boolean ok, ArticleId id, Translation t, Action action, String hint) {
        if (!ok) {
            throw new InvalidTransitionException(id, t.locale().toLanguageTag(), t.state(), action, hint);
        }
    }

    private void requirePublishable(ArticleId id, Translation t, Action action) {
        boolean ok = switch (t.state()) {
            case APPROVED -> true;
            case SCHEDULED -> action == Action.PUBLISH;
            case DRAFT, IN_REVIEW -> !reviewRequired;
            case PUBLISHED, ARCHIVED -> false;
        };
        String hint = switch (t.state()) {
            case PUBLISHED -> "its latest revision is already published";
            case ARCHIVED -> "restore it from the archive first";
            case SCHEDULED -> "it is already scheduled; publish it now or edit it to cancel the schedule";
            default -> "this knowledge base requires review: submit it and have it approved first";
        };
        require(ok, id, t, action, hint);
    }

    private void checkSourceRevision(Article a, Locale locale, int sourceRevision) {
        if (locale.equals(a.sourceLocale())) {
            throw new ValidationException(List.of(new Violation("translatedFrom", locale.toLanguageTag()
                    + " is the source locale of " + a.id() + "; only other translations record a source revision")));
        }
        int latest = a.source().latestRevision();
        if (sourceRevision < 1 || sourceRevision > latest) {
            throw new ValidationException(List.of(new Violation("translatedFrom", "source revision "
                    + sourceRevision + " does not exist; the source has revisions 1 to " + latest)));
        }
    }

    private void gate(Article a, Locale locale, int revision) {
        List<Violation> v = violations(a, locale, revision);
        if (!v.isEmpty()) {
            throw new EditorialRulesException(a.id(), locale.toLanguageTag(), v);
        }
    }

    private List<Violation> violations(Article a, Locale locale, int revision) {
        Revision r = store.revision(a.id(), locale, revision).orElseThrow();
        ArticleContent c = r.content();
        List<Violation> v = new ArrayList<>();
        if (c.title().isBlank()) {
            v.add(new Violation("title", "a published article needs a title"));
        } else if (c.title().length() > PUBLISH_MAX_TITLE) {
            v.add(new Violation("title", "the title is " + c.title().length() + " characters; at most "
                    + PUBLISH_MAX_TITLE + " can be published"));
        }
        if (c.body().isBlank()) {
            v.add(new Violation("body", "a published article needs a body"));
        }
        if (c.summary().length() > PUBLISH_MAX_SUMMARY) {
            v.add(new Violation("summary", "the summary is " + c.summary().length() + " characters; at most "
                    + PUBLISH_MAX_SUMMARY + " can be published"));
        }
        if (a.category().segments().isEmpty()) {
            v.add(new Violation("category", "a published article needs a category"));
        }
        v.addAll(linkViolations(a, c.body()));
        PublishCandidate candidate = new PublishCandidate(a, locale, r);
        for (EditorialRule rule : rules) {
            v.addAll(rule.check(candidate));
        }
        return v;
    }

    private List<Violation> linkViolations(Article a, String body) {
        BodyAnalysis analysis = renderer.analyze(body);
        List<Violation> v = new ArrayList<>();
        for (BodyAnalysis.InternalLink link : analysis.internalLinks()) {
            String target = link.target();
            if (!ArticleId.isValid(target)) {
                v.add(new Violation("links", "kb:" + target + " is not a valid article id"));
                continue;
            }
            ArticleId tid = ArticleId.of(target);
            if (tid.equals(a.id())) {
                continue;
            }
            Article t = store.article(tid).orElse(null);
            if (t == null) {
                v.add(new Violation("links", "kb:" + target + " links to an article that does not exist"));
            } else if (t.translations().values().stream().noneMatch(Translation::isLive)) {
                v.add(new Violation("links", "kb:" + target + " links to an article that is not published"));
            } else if (!a.visibility().isCoveredBy(t.visibility())) {
                v.add(new Violation("links", "kb:" + target + " is visible to " + describe(t.visibility())
                        + " but this article is visible to " + describe(a.visibility())
                        + ": its readers could not open the link"));
            }
        }
        return v;
    }

    private static String describe(Visibility v) {
        return switch (v.audience()) {
            case INTERNAL -> "internal viewers only";
            case PUBLIC -> "everyone";
            case SEGMENTS -> "segments " + v.segments();
        };
    }

    private static String describe(MetadataChange c) {
        List<String> fields = new ArrayList<>();
        if (c.category() != null) {
            fields.add("category=" + c.category());
        }
        if (c.type() != null) {
            fields.add("type=" + c.type());
        }
        if (c.owner() != null) {
            fields.add("owner=" + c.owner());
        }
        if (c.tags() != null) {
            fields.add("tags");
        }
        if (c.attributes() != null) {
            fields.add("attributes");
        }
        if (c.visibility() != null) {
            fields.add("visibility=" + describe(c.visibility()));
        }
        if (c.reviewInterval() != null) {
            fields.add("reviewInterval=" + c.reviewInterval());
        }
        return String.join(", ", fields);
    }

    private void permit(Actor actor, Action action, @Nullable Article article) {
        Objects.requireNonNull(actor, "actor");
        if (!permissions.permits(actor, action, article)) {
            throw new PermissionDeniedException(actor.id(), action, "the knowledge base's permission policy refuses it"
                    + (article == null ? "" : " on " + article.id()) + " (roles " + actor.roles() + ")");
        }
    }

    private Revision newRevision(ArticleId id, Locale locale, int number, ArticleContent content, Actor actor,
                                 Instant now, String note, @Nullable Integer restoredFrom) {
        return new Revision(id, locale, number, content, actor.id(), now, note, Contents.hash(content),
                restoredFrom);
    }

    private static Article withTranslation(Article a, Translation t, Instant now) {
        Map<Locale, Translation> translations = new LinkedHashMap<>(a.translations());
        translations.put(t.locale(), t);
        return new Article(a.id(), a.version() + 1, a.category(), a.type(), a.owner(), a.tags(), a.attributes(),
                a.visibility(), a.sourceLocale(), a.reviewInterval(), a.verifiedAt(), a.verifiedBy(), a.reviewDueAt(),
                a.createdAt(), now, translations);
    }

    private void checkContent(ArticleContent c) {
        long bytes = c.body().length() <= maxBodyBytes / 3 ? c.body().length()
                : c.body().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBodyBytes) {
            throw new ContentTooLargeException("body", bytes, maxBodyBytes);
        }
        List<Violation> v = new ArrayList<>();
        if (c.title().length() > MAX_TITLE_CHARS) {
            v.add(new Violation("title", "the title is " + c.title().length() + " characters; the limit is "
                    + MAX_TITLE_CHARS));
        }
        if (c.summary().length() > MAX_SUMMARY_CHARS) {
            v.add(new Violation("summary", "the summary is " + c.summary().length() + " characters; the limit is "
                    + MAX_SUMMARY_CHARS));
        }
        checkTags(c.tags(), v);
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    private static void checkTags(java.util.Collection<String> tags, List<Violation> v) {
        if (tags.size() > MAX_TAGS) {
            v.add(new Violation("tags", tags.size() + " tags; at most " + MAX_TAGS + " are allowed"));
        }
        for (String tag : tags) {
            if (tag.isBlank() || tag.length() > MAX_TAG_CHARS) {
                v.add(new Violation("tags", "tag \"" + tag + "\" must be 1-" + MAX_TAG_CHARS + " characters"));
            }
        }
    }

    private static void checkMetadata(String owner, Set<String> tags, Map<String, String> attributes) {
        List<Violation> v = new ArrayList<>();
        if (owner.length() > 200) {
            v.add(new Violation("owner", "the owner id is over 200 characters"));
        }
        checkTags(tags, v);
        if (attributes.size() > MAX_ATTRIBUTES) {
            v.add(new Violation("attributes", attributes.size() + " attributes; at most " + MAX_ATTRIBUTES
                    + " are allowed"));
        }
        attributes.forEach((k, val) -> {
            if (k.isBlank() || k.length() > MAX_ATTRIBUTE_KEY) {
                v.add(new Violation("attributes", "attribute name \"" + k + "\" must be 1-" + MAX_ATTRIBUTE_KEY
                        + " characters"));
            }
            if (val.length() > MAX_ATTRIBUTE_VALUE) {
                v.add(new Violation("attributes", "attribute " + k + " is over " + MAX_ATTRIBUTE_VALUE
                        + " characters"));
            }
        });
        if (!v.isEmpty()) {
            throw new ValidationException(v);
        }
    }

    private ReentrantLock lockFor(ArticleId id) {
        return stripes[stripeOf(id)];
    }

    private int stripeOf(ArticleId id) {
        return (id.hashCode() & 0x7fffffff) % stripes.length;
    }

    private void requireOpen() {
        if (closed) {
            throw new KbException("this knowledge base is closed");
        }
    }

    /**
     * Configures a {@link KnowledgeBase}. Each option may be set once; conflicting options fail at once.
     * {@link #build()} may be called again for another knowledge base only with another directory.
     */
    public static final class Builder {
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
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private LinkResolver linkResolver = LinkResolver.relative();
        private @Nullable SharedResources shared;
        private Duration schedulerInterval = Duration.ofSeconds(30);
        private @Nullable LongConsumer rebuildProgress;
        private Duration viewDedupWindow = Duration.ofMinutes(30);
        private int analyticsQueueCapacity = 65_536;
        private int analyticsRetentionDays = 365;
        private final Set<String> set = new java.util.HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new IllegalStateException(option + " was already set on this builder");
            }
        }

        /**
         * Keeps the knowledge base in this folder, with the durable file store (in {@code store/}) and the search
         * index (in {@code index/}). The folder is created if needed.
         */
        public Builder directory(Path directory) {
            once("directory");
            if (inMemory) {
                throw new IllegalStateException("inMemory() was set: a knowledge base is either in memory or in a "
                        + "directory");
            }
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Keeps everything in memory (tests, demos): nothing survives the JVM. */
        public Builder inMemory() {
            once("inMemory");
            if (directory != null && store == null) {
                throw new IllegalStateException("directory(...) was set: a knowledge base is either in memory or "
                        + "in a directory");
            }
            this.inMemory = true;
            return this;
        }

        /**
         * Uses a host-provided store instead of the built-in ones (e.g. a database). The knowledge base closes it.
         * With {@link #directory(Path)} too, the directory holds only the search index.
         */
        public Builder store(ArticleStore store) {
            once("store");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The search engine, e.g. kb-lucene's. Without one, {@link KnowledgeBase#search} is unavailable. */
        public Builder searchEngine(SearchEngineFactory factory) {
            once("searchEngine");
            this.engineFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The content renderer, e.g. kb-markdown's. Without one, bodies render as escaped plain text. */
        public Builder renderer(ContentRenderer renderer) {
            once("renderer");
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /** The clock for timestamps, scheduled transitions and review dates (default: UTC system clock). */
        public Builder clock(Clock clock) {
            once("clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Who may do what (default: {@link PermissionPolicy#roleBased()}). */
        public Builder permissionPolicy(PermissionPolicy policy) {
            once("permissionPolicy");
            this.permissions = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Whether the approving reviewer must differ from the author and submitter (default false). */
        public Builder requireDistinctReviewer(boolean required) {
            once("requireDistinctReviewer");
            this.distinctReviewer = required;
            return this;
        }

        /** Whether publishing needs an approval (default true); when false, drafts can be published directly. */
        public Builder requireReview(boolean required) {
            once("requireReview");
            this.reviewRequired = required;
            return this;
        }

        /** Adds a host-defined rule to the publish gate. */
        public Builder editorialRule(EditorialRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** What happens to articles past their review date (default {@link StalePolicy#FLAG}). */
        public Builder stalePolicy(StalePolicy policy) {
            once("stalePolicy");
            this.stalePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The last locale of every fallback chain (default {@code en}). */
        public Builder defaultLocale(Locale locale) {
            once("defaultLocale");
            this.defaultLocale = Locales.check(locale);
            return this;
        }

        /** The largest body accepted, in UTF-8 bytes (default 1 MiB, at most 16 MiB). */
        public Builder maxBodyBytes(int bytes) {
            once("maxBodyBytes");
            if (bytes < 1 || bytes > 16 << 20) {
                throw new ValidationException(List.of(new Violation("maxBodyBytes",
                        "must be between 1 and 16 MiB, got " + bytes)));
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Maps articles to the host's URLs, for internal links (default {@link LinkResolver#relative()}). */
        public Builder linkResolver(LinkResolver resolver) {
            once("linkResolver");
            this.linkResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Shares threads and cache memory with other knowledge bases; the caller closes it. */
        public Builder shared(SharedResources resources) {
            once("shared");
            this.shared = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /** How often scheduled transitions run (default 30 s); {@link Duration#ZERO} turns the timer off. */
        public Builder schedulerInterval(Duration interval) {
            once("schedulerInterval");
            if (interval.isNegative()) {
                throw new ValidationException(List.of(new Violation("schedulerInterval", "must not be negative")));
            }
            this.schedulerInterval = interval;
            return this;
        }

        /** Repeated views of an article by one viewer within this window count once (default 30 minutes). */
        public Builder viewDedupWindow(Duration window) {
            once("viewDedupWindow");
            if (window.isNegative()) {
                throw new ValidationException(List.of(new Violation("viewDedupWindow", "must not be negative")));
            }
            this.viewDedupWindow = window;
            return this;
        }

        /** How many analytics events may wait to be written before new ones are dropped (default 65,536). */
        public Builder analyticsQueueCapacity(int capacity) {
            once("analyticsQueueCapacity");
            if (capacity < 1) {
                throw new ValidationException(List.of(new Violation("analyticsQueueCapacity", "must be at least 1")));
            }
            this.analyticsQueueCapacity = capacity;
            return this;
        }

        /** How many days of search analytics are kept (default 365). */
        public Builder analyticsRetentionDays(int days) {
            once("analyticsRetentionDays");
            if (days < 1) {
                throw new ValidationException(List.of(new Violation("analyticsRetentionDays", "must be at least 1")));
            }
            this.analyticsRetentionDays = days;
            return this;
        }

        /** Receives the number of articles indexed so far while the search index is rebuilt. */
        public Builder onRebuildProgress(LongConsumer progress) {
            once("onRebuildProgress");
            this.rebuildProgress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Opens the knowledge base: opens or creates the store, opens the search engine and catches its index up
         * with the store.
         *
         * @throws IllegalStateException if neither a directory, {@code inMemory()} nor a store was chosen
         * @throws StoreLockedException if another process has the directory open
         */
        public KnowledgeBase build() {
            if (directory == null && !inMemory && store == null) {
                throw new IllegalStateException("choose where the knowledge base lives: directory(path), inMemory() "
                        + "or store(...)");
            }
            boolean ownsShared = shared == null;
            SharedResources res = shared != null ? shared : SharedResources.create();
            CompletableFuture<ArticleStore> opening;
            if (store != null) {
                opening = CompletableFuture.completedFuture(store);
            } else if (inMemory) {
                opening = CompletableFuture.completedFuture(new InMemoryArticleStore());
            } else {
                FileArticleStore.Locked locked;
                try {
                    // Locked first, on this thread: nothing beside the store is touched while another process
                    // holds it.
                    locked = FileArticleStore.lock(Objects.requireNonNull(directory).resolve("store"));
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
                return new KnowledgeBase(this, () -> await(pending), res, ownsShared);
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
}
