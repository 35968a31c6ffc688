package dev.savoir.kb.inbox;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The inbox's pending work at one instant, for a KPI report.
 *
 * @param pending items open or accepted
 * @param overdue pending items past their due date
 * @param medianAge the median age of the pending items ({@link Duration#ZERO} when there are none)
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record InboxBacklog(long pending, long overdue, Duration medianAge) {
}
