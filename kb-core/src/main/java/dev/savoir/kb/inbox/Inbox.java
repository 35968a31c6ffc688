package dev.savoir.kb.inbox;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.ViewerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The feedback inbox of one knowledge base ({@code KnowledgeBase.inbox()}): agents and customers flag an article or
 * suggest an edit; each item is routed to the article's owner, or, when the article has none, to the owner of its
 * nearest category ({@link #assignCategory}); its owner accepts it (a suggested edit then becomes a draft revision,
 * through the normal write path), completes or rejects it.
 *
 * <pre>{@code
 * InboxItem item = kb.inbox().submit(customerViewer, "visitor-42",
 *         ItemRequest.flag(ArticleId.of("reset-password"), FlagReason.OUTDATED, "The menu is now called Security"));
 * kb.inbox().accept(owner, item.id(), "Will fix today");
 * kb.inbox().complete(owner, item.id(), "Published revision 4");
 * }</pre>
 *
 * <p><b>Who sees what.</b> A customer sees only the items submitted under its own viewer key, without staff-only
 * comments, the owner's id or staff ids in the trail ({@link #itemsOf}). An actor sees an item when it reported it,
 * owns it, or the permission policy lets it {@link Action#READ_DRAFTS read drafts} of the article; an item it may
 * not see reads as missing ({@link dev.savoir.kb.InboxItemNotFoundException}). Submitting needs
 * {@link Action#FLAG}; acting on an item (assign, due date, accept, complete, reject) needs to own it or be allowed
 * to {@link Action#EDIT} the article; accepting a suggested edit needs {@link Action#EDIT} in any case.
 *
 * <p><b>Errors.</b> A transition not allowed from the item's state throws
 * {@link dev.savoir.kb.InvalidItemTransitionException}; a change racing another one on the same item throws
 * {@link dev.savoir.kb.InboxItemConflictException}; accepting a suggested edit written from a revision that is no
 * longer the latest throws {@link dev.savoir.kb.RevisionConflictException} and leaves the item open.
 *
 * <p>Thread-safe; every change is durable when the call returns.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface Inbox {
    /** How long after submission an item falls due, unless {@link #setDue} says otherwise. */
    Duration DEFAULT_DUE_AFTER = Duration.ofDays(7);

    /**
     * An actor (an agent, an editor) flags an article or suggests an edit.
     *
     * @throws dev.savoir.kb.PermissionDeniedException without {@link Action#FLAG} on the article
     * @throws dev.savoir.kb.ArticleNotFoundException if there is no such article
     * @throws dev.savoir.kb.RevisionNotFoundException if the revision named does not exist
     */
    InboxItem submit(Actor reporter, ItemRequest request);

    /**
     * A customer flags an article it can read or suggests an edit to it. The item names the locale and revision the
     * viewer reads; a suggested edit must be written from that published revision.
     *
     * @param viewerKey the host's stable key for the customer, as for votes ({@code KnowledgeBase.vote})
     * @throws dev.savoir.kb.ArticleNotFoundException if the viewer cannot read the article
     * @throws dev.savoir.kb.RevisionConflictException if a suggested edit is not written from the revision read
     */
    InboxItem submit(ViewerContext viewer, String viewerKey, ItemRequest request);

    /** A customer's own items, newest first, as a customer may see them (see the class comment). */
    List<InboxItem> itemsOf(String viewerKey);

    /** One of a customer's own items, empty when it is not the customer's or does not exist. */
    Optional<InboxItem> itemOf(String viewerKey, String itemId);

    /**
     * One item, for an actor who may see it.
     *
     * @throws dev.savoir.kb.InboxItemNotFoundException if there is none or the actor may not see it
     */
    InboxItem item(Actor actor, String itemId);

    /** The items an actor may see, in {@code state} (null: any), newest first. */
    List<InboxItem> items(Actor actor, @Nullable ItemState state);

    /** The pending items the actor owns, the one due first first (no due date last). */
    List<InboxItem> assignedTo(Actor actor);

    /** Gives the item to another owner (a non-blank id of at most 200 characters). */
    InboxItem assign(Actor actor, String itemId, String owner);

    /**
     * Adds a comment; any actor who may see the item may comment.
     *
     * @param visibleToReporter whether a customer who reported it sees the comment (a reply) or not (a staff note)
     */
    InboxItem comment(Actor actor, String itemId, String text, boolean visibleToReporter);

    /** Sets (or, with null, clears) the item's due date. */
    InboxItem setDue(Actor actor, String itemId, @Nullable Instant dueAt);

    /**
     * Accepts an open item. For a suggested edit, creates a draft revision of the translation with the proposed body
     * (title, summary and tags as in the revision it was written from) through the normal write path, recorded as
     * the item's {@link InboxItem#resultingRevision()}.
     *
     * @throws dev.savoir.kb.RevisionConflictException if the translation moved on since the suggested edit's
     *     revision: the item stays open; reject it or ask for a new suggestion
     */
    InboxItem accept(Actor actor, String itemId, String note);

    /** Marks an accepted item done. */
    InboxItem complete(Actor actor, String itemId, String note);

    /** Rejects an open or accepted item, with the reason (1-4,000 characters). */
    InboxItem reject(Actor actor, String itemId, String reason);

    /**
     * Makes {@code owner} responsible for the items on articles of {@code category} (and its subcategories) that
     * have no owner of their own; null removes the category's owner. Needs {@link Action#UPDATE_METADATA}.
     */
    void assignCategory(Actor actor, CategoryPath category, @Nullable String owner);

    /** The categories' owners. */
    Map<CategoryPath, String> categoryOwners();

    /** The pending items, overdue ones and their median age, now: what a KPI report shows. */
    InboxBacklog backlog();

    /** Pending items per owner, the most pending first. */
    List<OwnerBacklog> backlogByOwner();

    /** The articles with the most pending items, then the most items, at most {@code limit} (1-1,000). */
    List<FlaggedArticle> mostFlagged(int limit);
}
