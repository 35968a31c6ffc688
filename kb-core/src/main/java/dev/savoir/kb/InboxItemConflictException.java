package dev.savoir.kb;

import java.io.Serial;
import org.apiguardian.api.API;

/**
 * A feedback inbox item changed (on another thread or node) between reading it and writing its change: read it
 * again and retry.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class InboxItemConflictException extends ConflictException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String itemId;

    public InboxItemConflictException(String itemId, long expectedVersion) {
        super("the inbox item " + itemId + " changed since version " + expectedVersion
                + ": read it again and retry");
        this.itemId = itemId;
    }

    /** The item's id. */
    public String itemId() {
        return itemId;
    }
}
