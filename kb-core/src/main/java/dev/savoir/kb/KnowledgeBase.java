package dev.savoir.kb;

import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.inbox.Inbox;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Services;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.learning.Learning;
import dev.savoir.kb.learning.LearningPaths;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.privacy.ViewerData;
import dev.savoir.kb.reports.ArticleReport;
import dev.savoir.kb.reports.OutdatedTranslation;
import dev.savoir.kb.reports.ReviewDue;
import dev.savoir.kb.reports.StaleArticle;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.IndexStatus;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

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
 * <p>Every argument is checked: a null, out-of-range or reversed argument fails with
 * {@link InvalidArgumentException} naming the parameter, before anything is read or written.
 *
 * <p>This class is a facade: each call is delegated to one feature of the implementation (the write pipeline, the
 * lifecycle transitions, the publish gate, the reader view, search, feedback, reports, import and export).
 *
 * <p>Thread-safe. Changes to one article are serialized; changes to different articles run in parallel.
 *
 * @since 0.1
 */
public final class KnowledgeBase implements AutoCloseable {
    /** The default limit of a body, in UTF-8 bytes (1 MiB). */
    public static final int DEFAULT_MAX_BODY_BYTES = InputLimits.DEFAULT_MAX_BODY_BYTES;
    /** The longest title that can be saved; the publish gate allows {@value #PUBLISH_MAX_TITLE}. */
    public static final int MAX_TITLE_CHARS = InputLimits.MAX_TITLE_CHARS;
    /** The longest summary that can be saved; the publish gate allows {@value #PUBLISH_MAX_SUMMARY}. */
    public static final int MAX_SUMMARY_CHARS = InputLimits.MAX_SUMMARY_CHARS;
    /** The longest title the publish gate accepts. */
    public static final int PUBLISH_MAX_TITLE = InputLimits.PUBLISH_MAX_TITLE;
    /** The longest summary the publish gate accepts. */
    public static final int PUBLISH_MAX_SUMMARY = InputLimits.PUBLISH_MAX_SUMMARY;

    private final Services s;

    KnowledgeBase(Services services) {
        this.s = services;
    }

    /** Starts configuring a knowledge base. */
    public static KnowledgeBaseBuilder builder() {
        return new KnowledgeBaseBuilder();
    }

    // =================================================================== writes

    /**
     * Creates an article with revision 1 of its source translation, as a draft.
     *
     * @throws DuplicateArticleException if the id is taken
     * @throws ValidationException if a field is invalid or too long (every problem is listed)
     */
    public Article create(Actor actor, NewArticle spec) {
        return s.writer.create(actor, spec);
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
        return s.writer.createAll(actor, specs);
    }

    /**
     * As {@link #createAll}, each article published at once (its first revision live, one audit event for the import
     * and one for the publication, indexed once): the bulk path for content that was approved where it comes from.
     * The actor needs the create and publish permissions; no review step applies; the editorial rules must pass for
     * every article, or nothing is written.
     *
     * @throws ValidationException listing every article that breaks a limit or an editorial rule
     * @since 0.2
     */
    public List<Article> publishAll(Actor actor, List<NewArticle> specs) {
        return s.writer.createAll(actor, specs, true);
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
        Check.notNull("content", content);
        return s.writer.newContent(actor, id, locale, basedOnRevision, content, changeNote, null, null, Action.EDIT);
    }

    /**
     * As {@link #edit(Actor, ArticleId, Locale, int, ArticleContent, String)}, marking the revision a minor change
     * (a typo, a formatting fix) or not: once published, a minor revision keeps the read acknowledgements of
     * {@link #learningPaths()} in force; any other makes them lapse.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public Revision edit(Actor actor, ArticleId id, Locale locale, int basedOnRevision, ArticleContent content,
                         String changeNote, boolean minor) {
        Check.notNull("content", content);
        return s.writer.newContent(actor, id, locale, basedOnRevision, content, changeNote, null, null, Action.EDIT,
                minor);
    }

    /**
     * Edits a translation that is not the source, recording the source revision it now matches (so that it no
     * longer counts as outdated).
     */
    public Revision updateTranslation(Actor actor, ArticleId id, Locale locale, int basedOnRevision,
                                      ArticleContent content, int translatedFromSourceRevision, String changeNote) {
        Check.notNull("content", content);
        return s.writer.newContent(actor, id, locale, basedOnRevision, content, changeNote, null,
                translatedFromSourceRevision, Action.EDIT);
    }

    /**
     * Appends a new revision whose content is that of an old one. Nothing is rewritten.
     *
     * @throws RevisionNotFoundException if {@code revision} does not exist
     */
    public Revision restoreRevision(Actor actor, ArticleId id, Locale locale, int revision, int basedOnRevision,
                                    String changeNote) {
        return s.writer.newContent(actor, id, locale, basedOnRevision, null, changeNote, revision, null,
                Action.RESTORE_REVISION);
    }

    /**
     * Adds a translation in a new locale, as a draft, translated from the given revision of the source.
     *
     * @throws DuplicateArticleException if the article already has a translation in this locale
     */
    public Revision addTranslation(Actor actor, ArticleId id, Locale locale, ArticleContent content,
                                   int translatedFromSourceRevision, String changeNote) {
        return s.writer.addTranslation(actor, id, locale, content, translatedFromSourceRevision, changeNote);
    }

    /**
     * Changes an article's metadata (category, type, owner, tags, attributes, visibility, review interval).
     *
     * @param basedOnVersion the {@link Article#version()} the change was based on
     * @throws ArticleVersionConflictException if the article changed since
     */
    public Article updateMetadata(Actor actor, ArticleId id, long basedOnVersion, MetadataChange change) {
        return s.writer.updateMetadata(actor, id, basedOnVersion, change);
    }

    /** Submits a draft for review ({@code DRAFT → IN_REVIEW}). */
    public Translation submitForReview(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return s.lifecycle.submitForReview(actor, id, locale, basedOnRevision);
    }

    /**
     * Approves a translation under review ({@code IN_REVIEW → APPROVED}). With
     * {@link KnowledgeBaseBuilder#requireDistinctReviewer(boolean)}, the reviewer may not be its author or submitter.
     */
    public Translation approve(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return s.lifecycle.approve(actor, id, locale, basedOnRevision);
    }

    /** Sends a translation under review back to its author ({@code IN_REVIEW → DRAFT}) with a comment. */
    public Translation requestChanges(Actor actor, ArticleId id, Locale locale, int basedOnRevision, String comment) {
        return s.lifecycle.requestChanges(actor, id, locale, basedOnRevision, comment);
    }

    /**
     * Publishes the latest revision now: readers see it at once. Runs the publish gate (editorial rules).
     *
     * @throws EditorialRulesException listing every rule the revision breaks
     */
    public Translation publish(Actor actor, ArticleId id, Locale locale, int basedOnRevision) {
        return s.lifecycle.publish(actor, id, locale, basedOnRevision);
    }

    /**
     * Schedules the latest revision to go live at {@code at} ({@code APPROVED → SCHEDULED}). The publish gate runs
     * now and again at that time. Publication happens on the knowledge base's scheduler, or at the next
     * {@link #processScheduled()}.
     */
    public Translation schedulePublish(Actor actor, ArticleId id, Locale locale, int basedOnRevision, Instant at) {
        return s.lifecycle.schedulePublish(actor, id, locale, basedOnRevision, at);
    }

    /** Withdraws the published revision: readers no longer see this translation. A pending draft stays as it is. */
    public Translation unpublish(Actor actor, ArticleId id, Locale locale) {
        return s.lifecycle.unpublish(actor, id, locale);
    }

    /** Archives a translation: readers no longer see it, editing stops, a schedule is cancelled. */
    public Translation archive(Actor actor, ArticleId id, Locale locale) {
        return s.lifecycle.archive(actor, id, locale);
    }

    /** Schedules the translation to be archived at {@code at}. */
    public Translation scheduleArchive(Actor actor, ArticleId id, Locale locale, Instant at) {
        return s.lifecycle.scheduleArchive(actor, id, locale, at);
    }

    /** Brings an archived translation back as a draft ({@code ARCHIVED → DRAFT}); publish it again to show it. */
    public Translation restoreFromArchive(Actor actor, ArticleId id, Locale locale) {
        return s.lifecycle.restoreFromArchive(actor, id, locale);
    }

    /** Records that the article was checked and is correct: its next review falls due one interval from now. */
    public Article verify(Actor actor, ArticleId id) {
        return s.writer.verify(actor, id);
    }

    /**
     * Publishes scheduled translations and archives translations whose time has come, against the knowledge base's
     * clock. Runs by itself on the scheduler (see {@link KnowledgeBaseBuilder#schedulerInterval(Duration)}); call it
     * directly to run it now. When several processes share one store, it runs only in the one holding the
     * {@link KnowledgeBaseBuilder#schedulerLease scheduler lease}.
     *
     * @return the number of transitions made (0 when another process holds the lease)
     */
    public int processScheduled() {
        return s.scheduled.processScheduled();
    }

    // =================================================================== editors' reads

    /** An article's current state, for an editor. */
    public Article article(Actor actor, ArticleId id) {
        return s.editor.article(actor, id);
    }

    /** One revision of a translation, for an editor. */
    public Revision revision(Actor actor, ArticleId id, Locale locale, int number) {
        return s.editor.revision(actor, id, locale, number);
    }

    /** Every revision of a translation, oldest first, for an editor. */
    public List<Revision> history(Actor actor, ArticleId id, Locale locale) {
        return s.editor.history(actor, id, locale);
    }

    /** The difference between two revisions of a translation, field by field and the body line by line. */
    public RevisionDiff diff(Actor actor, ArticleId id, Locale locale, int fromRevision, int toRevision) {
        return s.editor.diff(actor, id, locale, fromRevision, toRevision);
    }

    /** Every audit event of an article, oldest first, for an editor. */
    public List<AuditEvent> auditTrail(Actor actor, ArticleId id) {
        return s.editor.auditTrail(actor, id);
    }

    // =================================================================== readers' reads

    /**
     * The published content of an article for a viewer, in the nearest locale of the viewer's fallback chain
     * ({@code fr-CA}, then {@code fr}, then any {@code fr-*}, then the knowledge base's default). Empty when the
     * article does not exist, is not published in any of those locales, or is not visible to this viewer: the
     * three are indistinguishable, so that nothing leaks.
     */
    public Optional<ArticleView> read(ViewerContext viewer, ArticleId id) {
        return s.reader.read(viewer, id);
    }

    /**
     * The published article rendered as safe HTML for a viewer; internal links to articles the viewer may not see
     * are rendered as plain text, never revealing their title or URL.
     */
    public Optional<RenderedArticle> render(ViewerContext viewer, ArticleId id) {
        return s.reader.render(viewer, id);
    }

    /**
     * Searches for a viewer. Never returns, counts or quotes what the viewer may not see.
     *
     * @throws KbException if no search engine was configured
     * @throws PermissionDeniedException if an external viewer asks for drafts
     */
    public SearchResponse search(ViewerContext viewer, SearchRequest request) {
        return s.search.search(viewer, request, null);
    }

    /**
     * Searches for a viewer, recording the search in analytics under the host's session id (which links it to
     * later clicks and tickets for the deflection estimate).
     */
    public SearchResponse search(ViewerContext viewer, SearchRequest request, String sessionId) {
        return s.search.search(viewer, request, Check.notNull("sessionId", sessionId));
    }

    /**
     * The sections of published articles that best answer a question, at most {@code limit} (1 to
     * {@value SearchRequest#MAX_LIMIT}), best first: what a chatbot or an LLM answer cites. Each comes with its
     * article, revision, locale, heading and the URL of its anchor (through the {@link
     * dev.savoir.kb.policy.LinkResolver}). Never a passage the viewer may not see; the nearest translation of the
     * viewer's fallback chain only. Questions longer than {@value SearchRequest#MAX_QUERY_LENGTH} characters are
     * cut.
     *
     * @throws SemanticSearchUnavailableException if the search engine has no embedding model
     * @throws KbException if no search engine was configured
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public List<Passage> passages(ViewerContext viewer, String question, int limit) {
        return s.search.passages(viewer, question, limit);
    }

    /**
     * How far the search engine has embedded passages for semantic search (computed in the background; until
     * ready, semantic and hybrid searches rank what is not embedded lexically).
     *
     * @throws KbException if no search engine was configured
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public EmbeddingProgress embeddingProgress() {
        return s.search.embeddingProgress();
    }

    /**
     * How far the search index has caught up with the store (changes not yet indexed, articles awaiting a retry):
     * for a health check or a lag gauge. On a database store it reads the feed head (one small query). Without a
     * search engine, {@link IndexStatus#enabled()} is false and nothing lags.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public IndexStatus indexStatus() {
        return s.index.status();
    }

    /** Search analytics: record clicks and tickets, read top queries, knowledge gaps and deflection. */
    public SearchAnalytics analytics() {
        s.context.requireOpen();
        return s.analytics;
    }

    /**
     * Self-learning search and the KPI report: the approval queue of synonyms and corrections mined from the search
     * log, the decisions (in force in the next search), and the KPIs of a period. For knowledge managers.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public Learning learning() {
        s.context.requireOpen();
        return s.learning;
    }

    /**
     * Makes every change so far visible to searches now, instead of within the engine's refresh bound. Articles
     * whose indexing failed earlier (they are retried in the background) are indexed again first.
     */
    public void refresh() {
        s.followNow();
        s.pipeline.repairIndex(true);
        s.index.refresh();
    }

    /**
     * Completions of what a viewer is typing, at most {@code limit} (1 to 50): titles of articles the viewer may see,
     * then popular queries. A query is offered as popular only once at least
     * {@link KnowledgeBaseBuilder#popularQueryMinViewers} distinct viewers (by session id) of the public audience
     * searched it within the analytics retention, only if it holds nothing that looks like personal data, and only
     * if searching it now finds an article this viewer may see (checked with a one-hit search for at most 8
     * candidates per call, only when titles leave room).
     *
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is out of range
     */
    public List<Suggestion> autocomplete(ViewerContext viewer, String prefix, int limit) {
        return s.search.autocomplete(viewer, prefix, limit);
    }

    /**
     * Articles related to one the viewer can see (empty when it cannot), at most {@code limit}, best first.
     *
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is not between 1 and {@link SearchRequest#MAX_LIMIT}
     */
    public List<SearchHit> related(ViewerContext viewer, ArticleId id, int limit) {
        return s.search.related(viewer, id, limit);
    }

    /**
     * Agent assist: articles that answer a support ticket, from its subject and description, with the ticket's
     * words that matched. The agent sees what an internal viewer in {@code locale} sees (internal articles
     * included, never drafts). Greetings and politeness words, signatures, quoted replies, the language's common
     * words ({@code we}, {@code our}, {@code don't}) and order or ticket references ({@code Order number
     * LUM-2026-48213}) are ignored.
     *
     * @param agent the agent handling the ticket, the same {@link Actor} that later calls {@link #linkTicket}
     * @param locale the agent's locale (translations fall back as for any viewer)
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is not between 1 and {@link SearchRequest#MAX_LIMIT}
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public List<AssistHit> suggestForTicket(Actor agent, Locale locale, String subject, String description,
                                            int limit) {
        Check.notNull("agent", agent);
        return s.search.suggestForTicket(ViewerContext.internal(Check.notNull("locale", locale)), subject,
                description, limit);
    }

    /**
     * Agent assist for any viewer: as {@link #suggestForTicket(Actor, Locale, String, String, int)}, but what the
     * suggestions may show is that of {@code viewer} (an external viewer gets only what a customer may read).
     *
     * @deprecated since 0.2: the agent is an {@link Actor}, as in {@link #linkTicket}; use
     *     {@link #suggestForTicket(Actor, Locale, String, String, int)}. This overload stays until 1.0.
     * @throws KbException if no search engine was configured
     * @throws ValidationException if {@code limit} is not between 1 and {@link SearchRequest#MAX_LIMIT}
     */
    @Deprecated(since = "0.2")
    public List<AssistHit> suggestForTicket(ViewerContext viewer, String subject, String description, int limit) {
        return s.search.suggestForTicket(viewer, subject, description, limit);
    }

    /**
     * Feeds an article's helpfulness votes and views to search ranking (typically from analytics); replaces the
     * previous values.
     *
     * @throws KbException if no search engine was configured
     */
    public void updateSignals(ArticleId id, ArticleSignals signals) {
        s.search.updateSignals(id, signals);
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
        return s.feedback.recordView(viewer, viewerKey, id);
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
        return s.feedback.vote(viewer, viewerKey, id, helpful, reason, comment);
    }

    /**
     * Records that an agent resolved a ticket with this article ("used to resolve"); a ticket counts once.
     *
     * @param agent the agent, whom the permission policy must allow {@link Action#LINK_TICKET} on the article (the
     *     built-in policy: {@link Role#AGENT}, an author, a reviewer, a publisher or an admin)
     * @throws PermissionDeniedException if the permission policy refuses it
     * @throws ArticleNotFoundException if there is no such article
     */
    public FeedbackSummary linkTicket(Actor agent, ArticleId id, String ticketId) {
        return s.feedback.linkTicket(agent, id, ticketId);
    }

    /** An article's feedback aggregates (views, votes, reasons, ticket links). */
    public FeedbackSummary feedback(ArticleId id) {
        return s.feedback.summary(id);
    }

    /** Views of an article between two instants (whole UTC days). */
    public long views(ArticleId id, Instant from, Instant to) {
        return s.feedback.views(id, from, to);
    }

    /** The latest reader comments on an article, newest first. */
    public List<ReaderComment> comments(Actor actor, ArticleId id) {
        return s.feedback.comments(actor, id);
    }

    /**
     * The feedback inbox: flags and suggested edits from agents and customers, routed to owners, with states,
     * comments, due dates, an audit trail and backlog reports.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public Inbox inbox() {
        s.context.requireOpen();
        return s.inbox;
    }

    /**
     * Learning paths: ordered articles per role or team, read acknowledgements that lapse on a material change, and
     * who is up to date on what.
     *
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public LearningPaths learningPaths() {
        s.context.requireOpen();
        return s.learningPaths;
    }

    // =================================================================== privacy

    /**
     * Everything recorded about one viewer key, oldest first, for a right-of-access request: the searches, clicks
     * and tickets analytics recorded under it as a session id, the votes (with reasons and comments) feedback
     * recorded under it, the views still linked to it, and the feedback-inbox items a customer submitted under it
     * ({@link ViewerData#inboxItems()}, with their comments). Reads every analytics log kept: a rare, slow call.
     *
     * @throws ValidationException if the key is null, blank or longer than 200 characters
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public ViewerData exportViewer(String viewerKey) {
        return s.privacy.export(viewerKey);
    }

    /**
     * Erases everything recorded about one viewer key (see {@link #exportViewer}), durably when the call returns:
     * the analytics and feedback files are rewritten without it (a host store deletes its rows), its votes stop
     * counting, the popular-query counts forget its searches, and the inbox items it submitted are deleted.
     * Anonymous view counts stay.
     *
     * @return how many records were erased
     * @throws ValidationException if the key is null, blank or longer than 200 characters
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public long eraseViewer(String viewerKey) {
        return s.privacy.erase(viewerKey);
    }

    // =================================================================== export, import

    /** Everything about one article (state, all revisions, audit trail, feedback), for an export. */
    public ArticleArchive exportArchive(Actor actor, ArticleId id) {
        return s.archives.exportArchive(actor, id);
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
        return s.archives.importArchives(actor, archives, keepStates);
    }

    // =================================================================== reports

    /** Articles whose review date has passed, most overdue first. */
    public List<ReviewDue> dueForReview() {
        return s.reports.dueForReview();
    }

    /**
     * Articles needing attention: review date passed, or not updated for {@code notUpdatedFor}; overdue reviews
     * first, then the longest untouched.
     */
    public List<StaleArticle> staleArticles(Duration notUpdatedFor) {
        return s.reports.staleArticles(notUpdatedFor);
    }

    /** The most viewed articles in [from, to), most viewed first. */
    public List<ArticleReport> articlesByViews(Instant from, Instant to, int limit) {
        return s.reports.articlesByViews(from, to, limit);
    }

    /**
     * Articles with at least {@code minVotes} votes, least helpful first (the ones to fix), by the smoothed
     * {@link FeedbackSummary#helpfulness()}.
     */
    public List<ArticleReport> articlesByHelpfulness(int minVotes, int limit) {
        return s.reports.articlesByHelpfulness(minVotes, limit);
    }

    /** Translations whose source has moved on since they were translated. */
    public List<OutdatedTranslation> outdatedTranslations() {
        return s.reports.outdatedTranslations();
    }

    /** The number of articles. */
    public int size() {
        s.context.requireOpen();
        return s.context.store().size();
    }

    /** The ids of all articles, sorted. For editors' listings and exports. */
    public List<ArticleId> articleIds() {
        s.context.requireOpen();
        return s.context.store().articleIds();
    }

    /** The last store sequence number: increases with every change. */
    public long lastChange() {
        return s.context.store().lastSequence();
    }

    /** The largest body this knowledge base accepts, in UTF-8 bytes ({@link KnowledgeBaseBuilder#maxBodyBytes}). */
    public int maxBodyBytes() {
        return s.limits.maxBodyBytes();
    }

    // =================================================================== listeners, lifecycle

    /** Registers a listener for audit events. */
    public void addListener(KnowledgeBaseListener listener) {
        s.pipeline.addListener(listener);
    }

    /** Removes a listener. */
    public void removeListener(KnowledgeBaseListener listener) {
        s.pipeline.removeListener(listener);
    }

    /** Closes the search engine and the store; idempotent. */
    @Override
    public void close() {
        s.close();
    }
}
