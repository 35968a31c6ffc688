package dev.savoir.kb.reports;

import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The sections of the {@link KpiReport} that other features contribute: the feedback inbox's backlog and the
 * learning paths' completion. Each is empty by default, and the report's field is then null. Implementations must
 * be thread-safe; a failing section is left out of the report (and logged), never failing it.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public interface KpiSections {
    /** No contributed section. */
    KpiSections NONE = new KpiSections() {
    };

    /** The inbox backlog at the end of [from, to). */
    default Optional<KpiReport.InboxBacklog> inboxBacklog(Instant from, Instant to) {
        return Optional.empty();
    }

    /** Learning-path completion at the end of [from, to). */
    default Optional<KpiReport.PathCompletion> learningPaths(Instant from, Instant to) {
        return Optional.empty();
    }
}
