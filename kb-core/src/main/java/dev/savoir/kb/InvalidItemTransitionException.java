package dev.savoir.kb;

import dev.savoir.kb.inbox.ItemState;
import java.io.Serial;
import org.apiguardian.api.API;

/**
 * A feedback inbox item cannot move to the state asked for from its current one: items go {@code OPEN → ACCEPTED →
 * DONE}, or to {@code REJECTED} from {@code OPEN} or {@code ACCEPTED}; {@code DONE} and {@code REJECTED} are final.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class InvalidItemTransitionException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ItemState from;
    private final ItemState to;

    /**
     * @param itemId the item
     * @param from the item's state
     * @param to the state asked for
     * @param hint what is allowed instead
     */
    public InvalidItemTransitionException(String itemId, ItemState from, ItemState to, String hint) {
        super("the inbox item " + itemId + " cannot go from " + from + " to " + to + ": " + hint);
        this.from = from;
        this.to = to;
    }

    /** The item's state when the change was refused. */
    public ItemState from() {
        return from;
    }

    /** The state asked for. */
    public ItemState to() {
        return to;
    }
}
