package dev.savoir.kb.examples.helpcenter;

import static dev.savoir.kb.examples.helpcenter.HelpCenter.esc;

import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.OwnerBacklog;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The HTML of the "Report a problem" form and of the {@code /inbox} page. Every text a reader or the knowledge base
 * supplies is escaped.
 */
final class InboxPage {
    private InboxPage() {
    }

    /** The report form shown under an article; it posts to {@code /inbox}. */
    static String reportForm(String articleId, String langParam) {
        StringBuilder html = new StringBuilder("<section class=\"report\" id=\"report\"><h2>Report a problem</h2>"
                + "<form method=\"post\" action=\"/inbox?lang=").append(esc(langParam)).append("\">"
                + "<input type=\"hidden\" name=\"article\" value=\"").append(esc(articleId)).append("\">"
                + "<label>Reason <select id=\"report-reason\" name=\"reason\">");
        for (FlagReason r : FlagReason.values()) {
            html.append("<option value=\"").append(r.name()).append("\">").append(esc(label(r))).append("</option>");
        }
        return html.append("</select></label><label>What is wrong? <textarea id=\"report-text\" name=\"text\" "
                + "maxlength=\"2000\" required></textarea></label>"
                + "<button id=\"report-submit\">Send report</button></form></section>").toString();
    }

    /**
     * The viewer's own items, newest first, and, when {@code backlog} is not null (a knowledge manager), the open
     * items per owner.
     */
    static String html(List<InboxItem> mine, @Nullable List<OwnerBacklog> backlog) {
        StringBuilder html = new StringBuilder("<h1>Your reports</h1>");
        if (mine.isEmpty()) {
            html.append("<p id=\"no-items\">You have not reported anything.</p>");
        } else {
            html.append("<ul class=\"items\" id=\"items\">");
            for (InboxItem i : mine) {
                html.append("<li class=\"item\"><a href=\"/articles/").append(esc(i.articleId().value()))
                        .append("\">").append(esc(i.articleId().value())).append("</a> <span class=\"reason\">")
                        .append(esc(label(i.reason()))).append("</span> <span class=\"state\">")
                        .append(esc(i.state().name())).append("</span><p class=\"text\">").append(esc(i.text()))
                        .append("</p>");
                for (ItemComment c : i.comments()) {
                    html.append("<p class=\"reply\">").append(esc(c.text())).append("</p>");
                }
                html.append("</li>");
            }
            html.append("</ul>");
        }
        if (backlog != null) {
            html.append("<h2>Open items per owner</h2><table id=\"backlog\"><tr><th>Owner</th><th>Pending</th>"
                    + "<th>Overdue</th></tr>");
            for (OwnerBacklog b : backlog) {
                html.append("<tr><td>").append(esc(b.owner().isEmpty() ? "(unassigned)" : b.owner()))
                        .append("</td><td>").append(b.pending()).append("</td><td>").append(b.overdue())
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.toString();
    }

    private static String label(FlagReason r) {
        String s = r.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
