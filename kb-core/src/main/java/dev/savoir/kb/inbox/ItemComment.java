package dev.savoir.kb.inbox;

import dev.savoir.kb.InvalidArgumentException;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A comment on an inbox item.
 *
 * @param at when it was written
 * @param author the actor's id, or the customer's viewer key
 * @param text the comment (1-{@value #MAX_TEXT} characters)
 * @param visibleToReporter whether a customer who reported the item sees it (staff notes do not)
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record ItemComment(Instant at, String author, String text, boolean visibleToReporter) {
    /** The longest comment. */
    public static final int MAX_TEXT = 4_000;

    public ItemComment {
        if (at == null || author == null) {
            throw new InvalidArgumentException(at == null ? "at" : "author", "is required, got null");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new InvalidArgumentException("text", "a comment must be 1-" + MAX_TEXT + " characters");
        }
    }
}
