package dev.savoir.kb.inbox;

import org.apiguardian.api.API;

/**
 * Where an inbox item stands: {@code OPEN → ACCEPTED → DONE}, or {@code REJECTED} from {@code OPEN} or
 * {@code ACCEPTED}. {@code DONE} and {@code REJECTED} are final.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public enum ItemState {
    /** Submitted, waiting for its owner. */
    OPEN,
    /** The owner agreed; for a suggested edit, its draft revision exists. */
    ACCEPTED,
    /** The change is made (published, for a suggested edit). */
    DONE,
    /** The owner declined it, with a reason. */
    REJECTED;

    /** Whether the item still waits for work (open or accepted): what the backlog counts. */
    public boolean isPending() {
        return this == OPEN || this == ACCEPTED;
    }

    /** Whether an item in this state may move to {@code next}. */
    public boolean canMoveTo(ItemState next) {
        return switch (this) {
            case OPEN -> next == ACCEPTED || next == REJECTED;
            case ACCEPTED -> next == DONE || next == REJECTED;
            case DONE, REJECTED -> false;
        };
    }
}
