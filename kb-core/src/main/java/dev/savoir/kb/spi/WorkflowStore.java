package dev.savoir.kb.spi;

import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.learning.Acknowledgement;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.Team;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where the editorial workflow lives: feedback inbox items and the categories' owners they are routed to, learning
 * paths, teams and read acknowledgements. The knowledge base has checked permissions, the article and the arguments
 * before it calls a store, so a store only keeps and returns values.
 *
 * <p>Contract (checked by the conformance kit {@code WorkflowStoreContract} in kb-core's test jar):
 * <ul>
 *   <li>Every write is durable when the call returns, and survives a close and reopen.</li>
 *   <li>An item is written with {@link #insertItem} at version 1, then replaced with {@link #replaceItem} only by
 *       its next version: a replacement whose version is not the stored one plus one changes nothing and returns
 *       false (two nodes racing on one item: one wins, the other is told).</li>
 *   <li>{@link #putAcknowledgement} replaces the learner's earlier acknowledgement of the same article and
 *       locale.</li>
 *   <li>{@link #viewerItems} returns exactly the items {@link #eraseViewer} would delete.</li>
 *   <li>{@link #eraseViewer} deletes the items a customer submitted under that viewer key, durably (files or rows
 *       rewritten, not filtered on read).</li>
 *   <li>Values read back equal those written. Implementations are thread-safe.</li>
 * </ul>
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface WorkflowStore extends AutoCloseable {
    /**
     * Adds a new item (version 1).
     *
     * @throws dev.savoir.kb.StoreException if an item with its id exists
     */
    void insertItem(InboxItem item);

    /**
     * Replaces an item by its next version.
     *
     * @return false, changing nothing, when the stored item's version is not {@code item.version() - 1} (or there
     *     is none)
     */
    boolean replaceItem(InboxItem item);

    /** The item, if any. */
    Optional<InboxItem> item(String id);

    /** Every item, oldest first. */
    List<InboxItem> items();

    /** Sets the owner of a category, or removes it (null). */
    void putCategoryOwner(CategoryPath category, @Nullable String owner);

    /** Every category's owner. */
    Map<CategoryPath, String> categoryOwners();

    /** Creates or replaces a path (by id). */
    void putPath(LearningPath path);

    /** Deletes a path; whether there was one. */
    boolean removePath(String id);

    /** Every path, by id. */
    List<LearningPath> paths();

    /** Creates or replaces a team (by name). */
    void putTeam(Team team);

    /** Every team, by name. */
    List<Team> teams();

    /** Records an acknowledgement, replacing the learner's earlier one of the same article and locale. */
    void putAcknowledgement(Acknowledgement acknowledgement);

    /** Every acknowledgement in force (the latest per learner, article and locale). */
    List<Acknowledgement> acknowledgements();

    /**
     * The items a customer submitted under {@code viewerKey} (reporter a customer with that key), whole with their
     * comments and trail, oldest first: what {@link #eraseViewer} would delete.
     *
     * @since 0.4
     */
    List<InboxItem> viewerItems(String viewerKey);

    /**
     * Deletes the items a customer submitted under {@code viewerKey}, durably when the call returns.
     *
     * @return how many items were deleted
     */
    long eraseViewer(String viewerKey);

    /** Releases files or connections; idempotent. */
    @Override
    void close();
}
