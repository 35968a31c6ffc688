package dev.savoir.kb.examples.helpcenter;

import static dev.savoir.kb.examples.helpcenter.HelpCenter.esc;

import dev.savoir.kb.reports.KpiReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The knowledge manager's KPI page of the help center: the {@link KpiReport} of a period as figures, tables and one
 * chart (searches per day: clicked, found but not clicked, found nothing), drawn as inline SVG with presentation
 * attributes only, so that the strict Content-Security-Policy holds (no script, no inline style, no CDN).
 */
final class KpiPage {
    static final int WIDTH = 720;
    static final int HEIGHT = 220;

    private KpiPage() {
    }

    static String html(KpiReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<h1 id=\"kpi-title\">Knowledge KPIs</h1><p class=\"meta\">").append(esc(r.from().toString()))
                .append(" – ").append(esc(r.to().toString())).append("</p>");
        b.append("<section class=\"kpis\" id=\"kpis\">");
        tile(b, "deflection", "Self-service deflection", percent(r.deflection().rate()),
                r.deflection().deflected() + " of " + r.deflection().searchSessions() + " sessions");
        tile(b, "no-click", "Searches without a click", percent(r.searches().withoutClickRate()),
                r.searches().searchesWithoutClick() + " of " + r.searches().searches());
        tile(b, "gaps", "Knowledge gaps closed", r.gaps().closed() + " / " + r.gaps().opened(),
                r.gaps().medianTimeToClose() == null ? "none closed yet"
                        : "median " + human(r.gaps().medianTimeToClose()));
        int overdue = r.overdueReviews().stream().mapToInt(KpiReport.OwnerReviews::overdue).sum();
        tile(b, "overdue", "Reviews overdue", Integer.toString(overdue), r.overdueReviews().size() + " owners");
        b.append("</section>");
        b.append("<h2>Searches per day</h2>").append(chart(r.searches().days()));
        b.append("<h2>Knowledge gaps</h2><table id=\"gap-table\"><tr><th>Query</th><th>Language</th>"
                + "<th>Zero-result searches</th><th>Opened</th><th>Closed</th><th>Answered by</th></tr>");
        for (KpiReport.KnowledgeGaps.Gap g : r.gaps().gaps()) {
            b.append("<tr><td>").append(esc(g.query())).append("</td><td>").append(esc(g.language().toLanguageTag()))
                    .append("</td><td>").append(g.zeroResultSearches()).append("</td><td>")
                    .append(esc(g.openedAt().toString())).append("</td><td>")
                    .append(g.closedAt() == null ? "open" : esc(g.closedAt().toString())).append("</td><td>")
                    .append(g.answeredBy() == null ? "" : esc(g.answeredBy().value())).append("</td></tr>");
        }
        b.append("</table><h2>Reviews overdue per owner</h2><table id=\"overdue-table\"><tr><th>Owner</th>"
                + "<th>Overdue</th><th>Oldest due</th></tr>");
        for (KpiReport.OwnerReviews o : r.overdueReviews()) {
            b.append("<tr><td>").append(esc(o.owner())).append("</td><td>").append(o.overdue()).append("</td><td>")
                    .append(esc(o.oldestDueAt().toString())).append("</td></tr>");
        }
        b.append("</table><h2>Inbox and learning paths</h2><p id=\"sections\">");
        b.append(r.inboxBacklog() == null ? "Inbox backlog: not reported. "
                : "Inbox backlog: " + r.inboxBacklog().open() + " open, " + r.inboxBacklog().overdue()
                + " overdue. ");
        b.append(r.learningPaths() == null ? "Learning paths: not reported."
                : "Learning paths: " + r.learningPaths().paths().size() + " paths.");
        b.append("</p><p><a id=\"kpi-json\" href=\"/admin/kpis.json\">This report as JSON</a></p>");
        return b.toString();
    }

    private static void tile(StringBuilder b, String id, String label, String value, String detail) {
        b.append("<div class=\"kpi\" id=\"kpi-").append(id).append("\"><span class=\"label\">").append(esc(label))
                .append("</span><strong>").append(esc(value)).append("</strong><span class=\"detail\">")
                .append(esc(detail)).append("</span></div>");
    }

    /** Stacked bars per day: clicked (green), found but not clicked (amber), found nothing (red). */
    static String chart(List<KpiReport.SearchActivity.Day> days) {
        long max = Math.max(1, days.stream().mapToLong(KpiReport.SearchActivity.Day::searches).max().orElse(0));
        int left = 40;
        int bottom = HEIGHT - 30;
        double slot = days.isEmpty() ? 0 : (double) (WIDTH - left - 10) / days.size();
        double bar = Math.max(1, slot * 0.7);
        StringBuilder s = new StringBuilder("<svg id=\"kpi-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" role=\"img\" aria-labelledby=\"kpi-chart-title\"><title id=\"kpi-chart-title\">Searches per "
                + "day: clicked, found but not clicked, found nothing</title>");
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - 10)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#888\"/>");
        s.append("<text x=\"4\" y=\"16\" font-size=\"11\" fill=\"#444\">").append(max).append("</text>");
        for (int i = 0; i < days.size(); i++) {
            KpiReport.SearchActivity.Day d = days.get(i);
            long zero = d.zeroResultSearches();
            long notClicked = Math.max(0, d.searchesWithoutClick() - zero);
            long clicked = Math.max(0, d.searches() - d.searchesWithoutClick());
            double x = left + i * slot + (slot - bar) / 2;
            double y = bottom;
            y = segment(s, x, y, bar, clicked, max, bottom - 20, "#2e7d32", d, "clicked");
            y = segment(s, x, y, bar, notClicked, max, bottom - 20, "#f9a825", d, "found, not clicked");
            segment(s, x, y, bar, zero, max, bottom - 20, "#c62828", d, "found nothing");
            if (days.size() <= 31 || i % 7 == 0) {
                s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(bottom + 14)
                        .append("\" font-size=\"9\" fill=\"#444\">").append(d.day().getDayOfMonth()).append("</text>");
            }
        }
        s.append("<rect x=\"").append(left).append("\" y=\"").append(HEIGHT - 10)
                .append("\" width=\"8\" height=\"8\" fill=\"#2e7d32\"/><text x=\"").append(left + 12)
                .append("\" y=\"").append(HEIGHT - 2).append("\" font-size=\"10\">clicked</text>")
                .append("<rect x=\"").append(left + 70).append("\" y=\"").append(HEIGHT - 10)
                .append("\" width=\"8\" height=\"8\" fill=\"#f9a825\"/><text x=\"").append(left + 82)
                .append("\" y=\"").append(HEIGHT - 2).append("\" font-size=\"10\">found, not clicked</text>")
                .append("<rect x=\"").append(left + 190).append("\" y=\"").append(HEIGHT - 10)
                .append("\" width=\"8\" height=\"8\" fill=\"#c62828\"/><text x=\"").append(left + 202)
                .append("\" y=\"").append(HEIGHT - 2).append("\" font-size=\"10\">found nothing</text>");
        return s.append("</svg>").toString();
    }

    private static double segment(StringBuilder s, double x, double y, double w, long n, long max, int height,
                                  String color, KpiReport.SearchActivity.Day d, String what) {
        if (n == 0) {
            return y;
        }
        double h = (double) n / max * height;
        s.append("<rect class=\"bar\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y - h)).append("\" width=\"")
                .append(fmt(w)).append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(color)
                .append("\"><title>").append(d.day()).append(": ").append(n).append(' ').append(what)
                .append("</title></rect>");
        return y - h;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static String human(Duration d) {
        return d.toDays() >= 1 ? d.toDays() + " d " + d.toHoursPart() + " h" : d.toHours() + " h "
                + d.toMinutesPart() + " min";
    }
}
