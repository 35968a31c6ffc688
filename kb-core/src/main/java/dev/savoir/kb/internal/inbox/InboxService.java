package dev.savoir.kb.internal.inbox;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.ArticleView;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.InboxItemConflictException;
import dev.savoir.kb.InboxItemNotFoundException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.InvalidItemTransitionException;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionConflictException;
import dev.savoir.kb.RevisionNotFoundException;
import dev.savoir.kb.Translation;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.inbox.FlaggedArticle;
import dev.savoir.kb.inbox.Inbox;
import dev.savoir.kb.inbox.InboxBacklog;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemAction;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.ItemEvent;
import dev.savoir.kb.inbox.ItemKind;
import dev.savoir.kb.inbox.ItemRequest;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.inbox.OwnerBacklog;
import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.read.ReaderView;
import dev.savoir.kb.internal.write.ArticleWriter;
import dev.savoir.kb.policy.PermissionPolicy;
import dev.savoir.kb.spi.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The feedback inbox: submissions by actors and customers, routing to the article's owner or its nearest
 * category's, the item transitions (each a compare-and-set on the item's version in the {@link WorkflowStore}),
 * the suggested edit turned into a draft revision through the {@link ArticleWriter}, who sees what, and the backlog
 * reports.
 */
public final class InboxService implements Inbox {
    /** What a customer sees in place of a staff member's id in an item's trail. */
    static final String STAFF = "support";
    private static final int MAX_OWNER = 200;

    private final KbContext kb;
    private final PermissionPolicy permissions;
    private final WorkflowStore store;
    private final ReaderView reader;
    private final ArticleWriter writer;
    private final InputLimits limits;

    public InboxService(KbContext kb, PermissionPolicy permissions, WorkflowStore store, ReaderView reader,
                        ArticleWriter writer, InputLimits limits) {
        this.kb = kb;
        this.permissions = permissions;
        this.store = store;
        this.reader = reader;
        this.writer = writer;
        this.limits = limits;
    }

    // ------------------------------------------------------------------ submissions

    @Override
    public InboxItem submit(@Nullable Actor reporter, @Nullable ItemRequest request) {
        kb.requireOpen();
        Check.notNull("reporter", reporter);
        Check.notNull("request", request);
        Article article = kb.load(request.articleId());
        kb.permit(reporter, Action.FLAG, article);
        Locale locale = request.locale() != null ? request.locale() : article.sourceLocale();
        Translation t = KbContext.translationOf(article, locale);
        int revision;
        if (request.basedOnRevision() != null) {
            revision = request.basedOnRevision();
            if (revision > t.latestRevision()) {
                throw new RevisionNotFoundException(article.id() + " [" + locale.toLanguageTag() + "] has no revision "
                        + revision + " (latest is " + t.latestRevision() + ")");
            }
        } else {
            revision = t.publishedRevision() != null ? t.publishedRevision() : t.latestRevision();
        }
        return insert(request, article, locale, revision, new Reporter(reporter.id(), false));
    }

    @Override
    public InboxItem submit(@Nullable ViewerContext viewer, @Nullable String viewerKey,
                            @Nullable ItemRequest request) {
        kb.requireOpen();
        Check.notNull("viewer", viewer);
        InputLimits.checkKey("viewerKey", viewerKey);
        Check.notNull("request", request);
        ArticleId id = request.articleId();
        ViewerContext asked = request.locale() != null ? viewer.withLocale(request.locale()) : viewer;
        ArticleView view = reader.read(asked, id)
                .filter(v -> request.locale() == null || v.locale().equals(request.locale()))
                .orElseThrow(() -> new ArticleNotFoundException("no article " + id));
        if (request.kind() == ItemKind.SUGGESTED_EDIT && request.basedOnRevision() != view.revision()) {
            throw new RevisionConflictException(id, view.locale().toLanguageTag(), request.basedOnRevision(),
                    view.revision());
        }
        return insert(request, kb.load(id), view.locale(), view.revision(), new Reporter(viewerKey, true));
    }

    private InboxItem insert(ItemRequest request, Article article, Locale locale, int revision, Reporter reporter) {
        if (request.kind() == ItemKind.SUGGESTED_EDIT) {
            limits.checkContent(proposedContent(article.id(), locale, revision, request.proposedBody()));
        }
        Instant now = kb.clock().instant();
        String owner = route(article);
        List<ItemEvent> history = new ArrayList<>();
        history.add(new ItemEvent(now, reporter.id(), ItemAction.SUBMITTED, null, ItemState.OPEN,
                request.kind() == ItemKind.FLAG ? "flagged " + request.reason() : "suggested an edit"));
        if (!owner.isEmpty()) {
            history.add(new ItemEvent(now, "system", ItemAction.ASSIGNED, null, null, owner));
        }
        InboxItem item = new InboxItem(UUID.randomUUID().toString(), 1, request.kind(), article.id(), locale,
                revision, request.reason(), request.text(), request.proposedBody(), reporter, owner, ItemState.OPEN,
                now.plus(DEFAULT_DUE_AFTER), now, now, null, List.of(), history);
        store.insertItem(item);
        return item;
    }

    /** The article's owner, else the owner of its nearest category that has one, else empty. */
    private String route(Article article) {
        if (!article.owner().isBlank()) {
            return article.owner();
        }
        Map<CategoryPath, String> owners = store.categoryOwners();
        List<CategoryPath> chain = article.category().selfAndAncestors();
        for (int i = chain.size() - 1; i >= 0; i--) {
            String o = owners.get(chain.get(i));
            if (o != null) {
                return o;
            }
        }
        return "";
    }

    private ArticleContent proposedContent(ArticleId id, Locale locale, int revision, @Nullable String body) {
        Revision base = kb.store().revision(id, locale, revision).orElseThrow(() -> new RevisionNotFoundException(
                id + " [" + locale.toLanguageTag() + "] has no revision " + revision));
        return new ArticleContent(base.content().title(), base.content().summary(), Check.notNull("body", body),
                base.content().tags());
    }

    // ------------------------------------------------------------------ reads

    @Override
    public List<InboxItem> itemsOf(@Nullable String viewerKey) {
        kb.requireOpen();
        InputLimits.checkKey("viewerKey", viewerKey);
        return store.items().stream().filter(i -> isCustomers(i, viewerKey)).map(InboxService::forReporter)
                .sorted(Comparator.comparing(InboxItem::createdAt).reversed()).toList();
    }

    @Override
    public Optional<InboxItem> itemOf(@Nullable String viewerKey, @Nullable String itemId) {
        kb.requireOpen();
        InputLimits.checkKey("viewerKey", viewerKey);
        InputLimits.checkKey("itemId", itemId);
        return store.item(itemId).filter(i -> isCustomers(i, viewerKey)).map(InboxService::forReporter);
    }

    private static boolean isCustomers(InboxItem i, String viewerKey) {
        return i.reporter().customer() && i.reporter().id().equals(viewerKey);
    }

    /** The item as its customer may see it: no staff notes, no owner, no staff ids, no assignments. */
    static InboxItem forReporter(InboxItem i) {
        List<ItemComment> comments = i.comments().stream().filter(ItemComment::visibleToReporter)
                .map(c -> c.author().equals(i.reporter().id()) ? c
                        : new ItemComment(c.at(), STAFF, c.text(), true)).toList();
        List<ItemEvent> history = i.history().stream()
                .filter(e -> e.action() != ItemAction.ASSIGNED && e.action() != ItemAction.COMMENTED)
                .map(e -> e.actor().equals(i.reporter().id()) ? e
                        : new ItemEvent(e.at(), STAFF, e.action(), e.from(), e.to(), e.detail())).toList();
        return new InboxItem(i.id(), i.version(), i.kind(), i.articleId(), i.locale(), i.revision(), i.reason(),
                i.text(), i.proposedBody(), i.reporter(), "", i.state(), i.dueAt(), i.createdAt(), i.updatedAt(),
                i.resultingRevision(), comments, history);
    }

    @Override
    public InboxItem item(@Nullable Actor actor, @Nullable String itemId) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        return visible(actor, itemId);
    }

    private InboxItem visible(Actor actor, @Nullable String itemId) {
        InputLimits.checkKey("itemId", itemId);
        return store.item(itemId).filter(i -> maySee(actor, i))
                .orElseThrow(() -> new InboxItemNotFoundException("no inbox item " + itemId));
    }

    private boolean maySee(Actor actor, InboxItem i) {
        return actor.id().equals(i.owner()) || (!i.reporter().customer() && actor.id().equals(i.reporter().id()))
                || permissions.permits(actor, Action.READ_DRAFTS, kb.store().article(i.articleId()).orElse(null));
    }

    @Override
    public List<InboxItem> items(@Nullable Actor actor, @Nullable ItemState state) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        return store.items().stream().filter(i -> state == null || i.state() == state).filter(i -> maySee(actor, i))
                .sorted(Comparator.comparing(InboxItem::createdAt).reversed()).toList();
    }

    @Override
    public List<InboxItem> assignedTo(@Nullable Actor actor) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        return store.items().stream().filter(i -> i.state().isPending() && actor.id().equals(i.owner()))
                .sorted(Comparator.comparing(InboxItem::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(InboxItem::createdAt)).toList();
    }

    // ------------------------------------------------------------------ changes

    @Override
    public InboxItem assign(@Nullable Actor actor, @Nullable String itemId, @Nullable String owner) {
        String to = checkOwner(owner);
        return change(actor, itemId, true, (i, now) -> next(i, now, to, i.state(), i.dueAt(), i.resultingRevision(),
                null, new ItemEvent(now, actor.id(), ItemAction.ASSIGNED, null, null, to)));
    }

    @Override
    public InboxItem comment(@Nullable Actor actor, @Nullable String itemId, @Nullable String text,
                             boolean visibleToReporter) {
        Check.notNull("actor", actor);
        ItemComment c = new ItemComment(kb.clock().instant(), actor.id(), text, visibleToReporter);
        return change(actor, itemId, false, (i, now) -> next(i, now, i.owner(), i.state(), i.dueAt(),
                i.resultingRevision(), c, new ItemEvent(now, actor.id(), ItemAction.COMMENTED, null, null,
                        visibleToReporter ? "reply to the reporter" : "staff note")));
    }

    @Override
    public InboxItem setDue(@Nullable Actor actor, @Nullable String itemId, @Nullable Instant dueAt) {
        return change(actor, itemId, true, (i, now) -> next(i, now, i.owner(), i.state(), dueAt,
                i.resultingRevision(), null, new ItemEvent(now, actor.id(), ItemAction.DUE_DATE_SET, null, null,
                        dueAt == null ? "no due date" : dueAt.toString())));
    }

    @Override
    public InboxItem accept(@Nullable Actor actor, @Nullable String itemId, @Nullable String note) {
        String n = checkNote("note", note, false);
        Check.notNull("actor", actor);
        InboxItem item = visible(actor, itemId);
        checkTransition(item, ItemState.ACCEPTED);
        Integer created = null;
        if (item.kind() == ItemKind.SUGGESTED_EDIT) {
            // The normal write path: permission to edit, the revision it was written from must still be the
            // latest (else RevisionConflictException, and the item stays open), input limits, indexing, audit.
            ArticleContent content = proposedContent(item.articleId(), item.locale(), item.revision(),
                    item.proposedBody());
            created = writer.newContent(actor, item.articleId(), item.locale(), item.revision(), content,
                    "Suggested edit " + item.id() + (n.isEmpty() ? "" : ": " + n), null, null, Action.EDIT).number();
        }
        Integer revision = created;
        return change(actor, itemId, true, (i, now) -> next(i, now, i.owner(), transition(i, ItemState.ACCEPTED),
                i.dueAt(), revision, null, new ItemEvent(now, actor.id(), ItemAction.ACCEPTED, i.state(),
                        ItemState.ACCEPTED, revision == null ? n : "draft revision " + revision
                        + (n.isEmpty() ? "" : ": " + n))));
    }

    @Override
    public InboxItem complete(@Nullable Actor actor, @Nullable String itemId, @Nullable String note) {
        String n = checkNote("note", note, false);
        return change(actor, itemId, true, (i, now) -> next(i, now, i.owner(), transition(i, ItemState.DONE),
                i.dueAt(), i.resultingRevision(), null, new ItemEvent(now, actor.id(), ItemAction.DONE, i.state(),
                        ItemState.DONE, n)));
    }

    @Override
    public InboxItem reject(@Nullable Actor actor, @Nullable String itemId, @Nullable String reason) {
        String r = checkNote("reason", reason, true);
        return change(actor, itemId, true, (i, now) -> next(i, now, i.owner(), transition(i, ItemState.REJECTED),
                i.dueAt(), i.resultingRevision(), null, new ItemEvent(now, actor.id(), ItemAction.REJECTED,
                        i.state(), ItemState.REJECTED, r)));
    }

    private static ItemState transition(InboxItem i, ItemState to) {
        checkTransition(i, to);
        return to;
    }

    private static void checkTransition(InboxItem i, ItemState to) {
        if (!i.state().canMoveTo(to)) {
            String hint = switch (i.state()) {
                case OPEN -> "accept or reject it first";
                case ACCEPTED -> "it can be completed or rejected";
                case DONE, REJECTED -> "it is settled; submit a new item instead";
            };
            throw new InvalidItemTransitionException(i.id(), i.state(), to, hint);
        }
    }

    /**
     * Reads the item, checks the actor may see it (and, when {@code triage}, act on it: own it, or edit the
     * article), and replaces it by {@code next}'s value if no one changed it in between.
     */
    private InboxItem change(@Nullable Actor actor, @Nullable String itemId, boolean triage,
                             BiFunction<InboxItem, Instant, InboxItem> next) {
        kb.requireOpen();
        Check.notNull("actor", actor);
        InboxItem item = visible(actor, itemId);
        if (triage && !actor.id().equals(item.owner())
                && !permissions.permits(actor, Action.EDIT, kb.store().article(item.articleId()).orElse(null))) {
            throw new PermissionDeniedException(actor.id(), Action.EDIT, "only the item's owner ("
                    + (item.owner().isEmpty() ? "none" : item.owner()) + ") or an actor allowed to edit "
                    + item.articleId() + " may act on the inbox item " + item.id());
        }
        InboxItem updated = next.apply(item, kb.clock().instant());
        if (!store.replaceItem(updated)) {
            throw new InboxItemConflictException(item.id(), item.version());
        }
        return updated;
    }

    private static InboxItem next(InboxItem i, Instant now, String owner, ItemState state, @Nullable Instant due,
                                  @Nullable Integer resultingRevision, @Nullable ItemComment comment,
                                  ItemEvent event) {
        List<ItemComment> comments = i.comments();
        if (comment != null) {
            comments = new ArrayList<>(comments);
            comments.add(comment);
        }
        List<ItemEvent> history = new ArrayList<>(i.history());
        history.add(event);
        return new InboxItem(i.id(), i.version() + 1, i.kind(), i.articleId(), i.locale(), i.revision(), i.reason(),
                i.text(), i.proposedBody(), i.reporter(), owner, state, due, i.createdAt(), now, resultingRevision,
                comments, history);
    }

    private static String checkOwner(@Nullable String owner) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw new InvalidArgumentException("owner", "must be an actor id of 1-" + MAX_OWNER + " characters");
        }
        return owner;
    }

    private static String checkNote(String parameter, @Nullable String note, boolean required) {
        Check.notNull(parameter, note);
        if ((required && note.isBlank()) || note.length() > ItemComment.MAX_TEXT) {
            throw new InvalidArgumentException(parameter, "must be " + (required ? "1" : "0") + "-"
                    + ItemComment.MAX_TEXT + " characters");
        }
        return note.strip();
    }

    @Override
    public void assignCategory(@Nullable Actor actor, @Nullable CategoryPath category, @Nullable String owner) {
        kb.requireOpen();
        Check.notNull("category", category);
        if (owner != null) {
            checkOwner(owner);
        }
        kb.permit(actor, Action.UPDATE_METADATA, null);
        store.putCategoryOwner(category, owner);
    }

    @Override
    public Map<CategoryPath, String> categoryOwners() {
        kb.requireOpen();
        return store.categoryOwners();
    }

    // ------------------------------------------------------------------ reports

    @Override
    public InboxBacklog backlog() {
        kb.requireOpen();
        Instant now = kb.clock().instant();
        List<InboxItem> pending = store.items().stream().filter(i -> i.state().isPending()).toList();
        long overdue = pending.stream().filter(i -> i.isOverdue(now)).count();
        return new InboxBacklog(pending.size(), overdue, median(pending.stream().map(i -> i.age(now)).toList()));
    }

    /** The median of durations (the mean of the middle two for an even count); zero for none. */
    static Duration median(List<Duration> ages) {
        if (ages.isEmpty()) {
            return Duration.ZERO;
        }
        List<Duration> sorted = ages.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }

    @Override
    public List<OwnerBacklog> backlogByOwner() {
        kb.requireOpen();
        Instant now = kb.clock().instant();
        Map<String, List<InboxItem>> byOwner = new HashMap<>();
        store.items().stream().filter(i -> i.state().isPending())
                .forEach(i -> byOwner.computeIfAbsent(i.owner(), k -> new ArrayList<>()).add(i));
        return byOwner.entrySet().stream().map(e -> new OwnerBacklog(e.getKey(), e.getValue().size(),
                        e.getValue().stream().filter(i -> i.isOverdue(now)).count(),
                        e.getValue().stream().map(i -> i.age(now)).max(Comparator.naturalOrder())
                                .orElse(Duration.ZERO)))
                .sorted(Comparator.comparingLong(OwnerBacklog::pending).reversed()
                        .thenComparing(OwnerBacklog::owner)).toList();
    }

    @Override
    public List<FlaggedArticle> mostFlagged(int limit) {
        kb.requireOpen();
        Check.range("limit", limit, 1, 1_000);
        Map<ArticleId, long[]> counts = new HashMap<>();
        for (InboxItem i : store.items()) {
            long[] c = counts.computeIfAbsent(i.articleId(), k -> new long[2]);
            c[0] += i.state().isPending() ? 1 : 0;
            c[1]++;
        }
        return counts.entrySet().stream().map(e -> new FlaggedArticle(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong(FlaggedArticle::pending).reversed()
                        .thenComparing(Comparator.comparingLong(FlaggedArticle::total).reversed())
                        .thenComparing(f -> f.articleId().value())).limit(limit).toList();
    }
}
