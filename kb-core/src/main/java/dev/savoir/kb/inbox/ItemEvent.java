package dev.savoir.kb.inbox;

import dev.savoir.kb.InvalidArgumentException;
import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an inbox item's audit trail.
 *
 * @param at when
 * @param actor who (an actor's id, or the customer's viewer key for a submission)
 * @param action what happened
 * @param from the state before, for a state change
 * @param to the state after, for a state change
 * @param detail the note, the new owner, the due date, the revision created... may be empty
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record ItemEvent(Instant at, String actor, ItemAction action, @Nullable ItemState from,
                        @Nullable ItemState to, String detail) {
    public ItemEvent {
        if (at == null || actor == null || action == null) {
            throw new InvalidArgumentException(at == null ? "at" : actor == null ? "actor" : "action",
                    "is required, got null");
        }
        detail = detail == null ? "" : detail;
    }
}
