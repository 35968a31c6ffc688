package dev.savoir.kb.internal.learning;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.reports.KpiReport;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link KpiReport} as JSON, field by field: the shape is this class's, not the records'. */
public final class KpiJson {
    private KpiJson() {
    }

    public static String write(KpiReport r) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        root.put("generatedAt", r.generatedAt().toString());
        DeflectionEstimate d = r.deflection();
        ObjectNode deflection = root.putObject("deflection");
        deflection.put("searchSessions", d.searchSessions());
        deflection.put("sessionsWithClick", d.sessionsWithClick());
        deflection.put("deflected", d.deflected());
        deflection.put("rate", d.rate());
        KpiReport.SearchActivity s = r.searches();
        ObjectNode searches = root.putObject("searches");
        searches.put("searches", s.searches());
        searches.put("zeroResultSearches", s.zeroResultSearches());
        searches.put("searchesWithoutClick", s.searchesWithoutClick());
        searches.put("withoutClickRate", s.withoutClickRate());
        ArrayNode days = searches.putArray("days");
        for (KpiReport.SearchActivity.Day day : s.days()) {
            days.addObject().put("day", day.day().toString()).put("searches", day.searches())
                    .put("zeroResultSearches", day.zeroResultSearches())
                    .put("searchesWithoutClick", day.searchesWithoutClick());
        }
        KpiReport.KnowledgeGaps g = r.gaps();
        ObjectNode gaps = root.putObject("gaps");
        gaps.put("opened", g.opened());
        gaps.put("closed", g.closed());
        putSeconds(gaps, "medianTimeToCloseSeconds", g.medianTimeToClose());
        ArrayNode list = gaps.putArray("gaps");
        for (KpiReport.KnowledgeGaps.Gap gap : g.gaps()) {
            ObjectNode o = list.addObject();
            o.put("query", gap.query());
            o.put("language", gap.language().toLanguageTag());
            o.put("openedAt", gap.openedAt().toString());
            putInstant(o, "closedAt", gap.closedAt());
            ArticleId by = gap.answeredBy();
            if (by == null) {
                o.putNull("answeredBy");
            } else {
                o.put("answeredBy", by.value());
            }
            putSeconds(o, "timeToCloseSeconds", gap.timeToClose());
            o.put("zeroResultSearches", gap.zeroResultSearches());
        }
        ArrayNode owners = root.putArray("overdueReviews");
        for (KpiReport.OwnerReviews o : r.overdueReviews()) {
            ObjectNode n = owners.addObject();
            n.put("owner", o.owner());
            n.put("overdue", o.overdue());
            n.put("oldestDueAt", o.oldestDueAt().toString());
            ArrayNode ids = n.putArray("articles");
            o.articles().forEach(id -> ids.add(id.value()));
        }
        KpiReport.InboxBacklog inbox = r.inboxBacklog();
        if (inbox == null) {
            root.putNull("inboxBacklog");
        } else {
            ObjectNode n = root.putObject("inboxBacklog");
            n.put("open", inbox.open());
            n.put("overdue", inbox.overdue());
            putSeconds(n, "oldestOpenAgeSeconds", inbox.oldestOpenAge());
            ObjectNode per = n.putObject("openPerOwner");
            new TreeMap<>(inbox.openPerOwner()).forEach(per::put);
        }
        KpiReport.PathCompletion paths = r.learningPaths();
        if (paths == null) {
            root.putNull("learningPaths");
        } else {
            ArrayNode n = root.putObject("learningPaths").putArray("paths");
            for (KpiReport.PathCompletion.Path p : paths.paths()) {
                n.addObject().put("id", p.id()).put("title", p.title()).put("assigned", p.assigned())
                        .put("completed", p.completed()).put("rate", p.rate());
            }
        }
        return Json.mapper().writeValueAsString(root);
    }

    private static void putInstant(ObjectNode o, String name, @Nullable Instant at) {
        if (at == null) {
            o.putNull(name);
        } else {
            o.put(name, at.toString());
        }
    }

    private static void putSeconds(ObjectNode o, String name, @Nullable Duration d) {
        if (d == null) {
            o.putNull(name);
        } else {
            o.put(name, d.toSeconds());
        }
    }
}
