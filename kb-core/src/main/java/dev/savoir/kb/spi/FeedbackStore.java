package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.privacy.ViewerRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where reader feedback lives: views, helpfulness votes with their reasons and comments, and ticket links, with
 * per-article aggregates. The knowledge base has checked the viewer, the article and the arguments before it calls
 * a store, so a store only records and counts.
 *
 * <p>Contract (checked by the conformance kit {@code FeedbackStoreContract} in kb-core's test jar):
 * <ul>
 *   <li>A view by the same viewer key of the same article within the store's dedup window counts once.</li>
 *   <li>A viewer has at most one vote per article: a second vote replaces the first (and its reason).</li>
 *   <li>A ticket id counts once per article.</li>
 *   <li>{@link #restore} adds imported aggregates to what the store counts itself.</li>
 *   <li>Votes, ticket links and restores are durable when the call returns; views may be made durable in batches
 *       (at most what {@link #flush()} writes can be lost in a crash).</li>
 *   <li>{@link #eraseViewer} removes everything that names a viewer key: its votes (which stop counting in the
 *       aggregates), their reasons and comments, and whatever links it to its views (a view by it counts again at
 *       once); anonymous view counts may stay. A durable store has rewritten its files or rows when the call
 *       returns (filtering on read is not erasure), so the erasure survives a close and reopen.</li>
 *   <li>{@link #viewerRecords} returns everything kept that names the viewer key.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface FeedbackStore extends AutoCloseable {
    /**
     * Counts a view, unless the same viewer viewed the article within the dedup window.
     *
     * @return whether the view was counted
     */
    boolean recordView(ArticleId id, Locale locale, String viewerKey, Instant at);

    /** Records a vote, replacing the viewer's earlier vote on the article; {@code reason} only for unhelpful ones. */
    void recordVote(ArticleId id, Locale locale, String viewerKey, boolean helpful, @Nullable VoteReason reason,
                    @Nullable String comment, Instant at);

    /** Records that a ticket was resolved with the article; a ticket id counts once per article. */
    void recordTicket(ArticleId id, String ticketId, Instant at);

    /** Adds imported aggregates (from an archive) to the article's own. */
    void restore(ArticleId id, FeedbackSummary imported, Instant at);

    /** The article's aggregates, {@link FeedbackSummary#EMPTY} when nothing was recorded. */
    FeedbackSummary summary(ArticleId id);

    /** Every article with feedback and its aggregates. */
    Map<ArticleId, FeedbackSummary> summaries();

    /** Views of the article counted on the UTC days from {@code from}'s (inclusive) to {@code to}'s (exclusive). */
    long views(ArticleId id, Instant from, Instant to);

    /**
     * The views of several articles counted on the UTC days from {@code from}'s (inclusive) to {@code to}'s
     * (exclusive), as {@link #views(ArticleId, Instant, Instant)} counts them one by one: every id asked for is a key,
     * 0 for an article without views. The knowledge base calls it to send the ranking signals of many articles at
     * once (on start-up, every article with feedback); a database store answers it in one query. The default asks
     * {@link #views(ArticleId, Instant, Instant)} for each id.
     *
     * @since 0.4
     */
    default Map<ArticleId, Long> views(Collection<ArticleId> ids, Instant from, Instant to) {
        Map<ArticleId, Long> out = new LinkedHashMap<>();
        for (ArticleId id : ids) {
            out.put(id, views(id, from, to));
        }
        return out;
    }

    /** The latest reader comments on the article, newest first (at most 20). */
    List<ReaderComment> comments(ArticleId id);

    /**
     * Everything kept that names {@code viewerKey}, oldest first: its votes (with their reasons and comments) and
     * the views still linked to it. The feedback part of a right-of-access request.
     */
    List<ViewerRecord> viewerRecords(String viewerKey);

    /**
     * Erases everything that names {@code viewerKey}, durably when the call returns.
     *
     * @return how many records (votes, view links) were erased
     */
    long eraseViewer(String viewerKey);

    /**
     * For a store shared by several knowledge bases (nodes of one application on one database): the articles whose
     * views, votes or restored aggregates any of them changed at or after {@code since}, each with the time of its
     * latest change on the store's own clock (the database's), oldest first. Each node reads it to send the ranking
     * signals other nodes caused to its own search engine.
     *
     * <p>A change becomes visible to this call once written, and it may be written a little after the time it
     * carries (a transaction's commit), so readers ask again from a little before the latest time they saw; an
     * article may therefore be listed again, and sending its signals twice is harmless. At most {@code limit}
     * changes are returned, the oldest; ask again from the last one's time for the rest.
     *
     * @param since the earliest change time wanted, {@code null} for every article with a recorded change
     * @return the changes, or {@code null} (the default) for a store only this knowledge base writes, whose changes
     *         it already knows
     */
    default @Nullable List<FeedbackChange> changesSince(@Nullable Instant since, int limit) {
        return null;
    }

    /**
     * One article whose feedback changed, for {@link #changesSince}.
     *
     * @param article the article
     * @param at when its latest change was written, on the store's clock
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    record FeedbackChange(ArticleId article, Instant at) {
    }

    /** Makes every view recorded so far durable. */
    void flush();

    /** Releases files or connections; idempotent. */
    @Override
    void close();
}
