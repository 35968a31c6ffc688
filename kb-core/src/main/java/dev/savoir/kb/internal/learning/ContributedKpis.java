package dev.savoir.kb.internal.learning;

import dev.savoir.kb.inbox.Inbox;
import dev.savoir.kb.inbox.InboxBacklog;
import dev.savoir.kb.inbox.OwnerBacklog;
import dev.savoir.kb.learning.LearningPaths;
import dev.savoir.kb.reports.KpiReport;
import dev.savoir.kb.reports.KpiSections;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The KPI report's sections from the feedback inbox (its backlog now) and the learning paths (completion now). */
public final class ContributedKpis implements KpiSections {
    private final Inbox inbox;
    private final LearningPaths paths;

    public ContributedKpis(Inbox inbox, LearningPaths paths) {
        this.inbox = inbox;
        this.paths = paths;
    }

    @Override
    public Optional<KpiReport.InboxBacklog> inboxBacklog(Instant from, Instant to) {
        InboxBacklog all = inbox.backlog();
        List<OwnerBacklog> owners = inbox.backlogByOwner();
        Map<String, Long> perOwner = new LinkedHashMap<>();
        owners.forEach(o -> perOwner.put(o.owner(), o.pending()));
        Duration oldest = owners.stream().map(OwnerBacklog::oldestAge).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return Optional.of(new KpiReport.InboxBacklog(all.pending(), all.overdue(), oldest, perOwner));
    }

    @Override
    public Optional<KpiReport.PathCompletion> learningPaths(Instant from, Instant to) {
        return Optional.of(new KpiReport.PathCompletion(paths.completionByPath().stream()
                .map(p -> new KpiReport.PathCompletion.Path(p.pathId(), p.title(), p.learners(), p.complete()))
                .toList()));
    }
}
