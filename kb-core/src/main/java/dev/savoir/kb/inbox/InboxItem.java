package dev.savoir.kb.inbox;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Locales;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One item of the feedback inbox, as stored. Immutable: every change makes a new value with {@link #version()} one
 * higher, its audit trail ({@link #history()}) one entry longer.
 *
 * @param id the item's id
 * @param version 1 when submitted, one more on every change
 * @param kind a flag or a suggested edit
 * @param articleId the article
 * @param locale the translation concerned
 * @param revision the revision the reporter read, or the suggested edit was written from
 * @param reason why
 * @param text the reporter's words
 * @param proposedBody the proposed Markdown body of a suggested edit
 * @param reporter who submitted it
 * @param owner who must act on it: the article's owner, else its nearest category's, else empty (unassigned)
 * @param state where it stands
 * @param dueAt when it should be settled, or null
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed
 * @param resultingRevision the draft revision created when a suggested edit was accepted
 * @param comments the comments, oldest first
 * @param history the audit trail, oldest first
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record InboxItem(String id, long version, ItemKind kind, ArticleId articleId, Locale locale, int revision,
                        FlagReason reason, String text, @Nullable String proposedBody, Reporter reporter,
                        String owner, ItemState state, @Nullable Instant dueAt, Instant createdAt,
                        Instant updatedAt, @Nullable Integer resultingRevision, List<ItemComment> comments,
                        List<ItemEvent> history) {
    public InboxItem {
        if (id == null || id.isBlank() || id.length() > 100) {
            throw new InvalidArgumentException("id", "an item id must be 1-100 characters");
        }
        if (version < 1 || revision < 1) {
            throw new InvalidArgumentException(version < 1 ? "version" : "revision", "must be at least 1");
        }
        if (kind == null || articleId == null || locale == null || reason == null || text == null
                || reporter == null || owner == null || state == null || createdAt == null || updatedAt == null) {
            throw new InvalidArgumentException("item", "every field but proposedBody, dueAt and resultingRevision is "
                    + "required");
        }
        Locales.check(locale);
        comments = List.copyOf(comments == null ? List.of() : comments);
        history = List.copyOf(history == null ? List.of() : history);
    }

    /** How long it has waited at {@code now}. */
    public Duration age(Instant now) {
        Duration d = Duration.between(createdAt, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Whether it is still pending after its due date. */
    public boolean isOverdue(Instant now) {
        return state.isPending() && dueAt != null && now.isAfter(dueAt);
    }
}
