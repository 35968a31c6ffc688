package dev.savoir.kb.privacy;

import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.internal.Check;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Everything a knowledge base recorded about one viewer key, oldest first: the answer to a right-of-access request.
 *
 * @param viewerKey the key asked for
 * @param records what was recorded under it, oldest first
 * @param inboxItems the feedback-inbox items a customer submitted under it (flags and suggested edits, whole with
 *     their comments and trail), oldest first; {@link dev.savoir.kb.KnowledgeBase#eraseViewer} deletes exactly
 *     these
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ViewerData(String viewerKey, List<ViewerRecord> records, List<InboxItem> inboxItems) {
    public ViewerData {
        Check.notNull("viewerKey", viewerKey);
        records = List.copyOf(Check.noNulls("records", records));
        inboxItems = List.copyOf(Check.noNulls("inboxItems", inboxItems));
    }

    /**
     * The data of a key without inbox items.
     *
     * @param viewerKey the key asked for
     * @param records what was recorded under it, oldest first
     */
    public ViewerData(String viewerKey, List<ViewerRecord> records) {
        this(viewerKey, records, List.of());
    }
}
