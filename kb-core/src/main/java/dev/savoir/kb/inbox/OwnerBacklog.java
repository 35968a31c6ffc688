package dev.savoir.kb.inbox;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * One owner's pending inbox items.
 *
 * @param owner the owner's id (empty for unassigned items)
 * @param pending items open or accepted
 * @param overdue pending items past their due date
 * @param oldestAge the age of the oldest pending item
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record OwnerBacklog(String owner, long pending, long overdue, Duration oldestAge) {
}
