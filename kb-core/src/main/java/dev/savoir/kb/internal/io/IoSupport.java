package dev.savoir.kb.internal.io;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;

/** Small helpers shared by the formats. */
public final class IoSupport {
    private IoSupport() {
    }

    /** A stream that flushes instead of closing the caller's stream. */
    public static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** At most 80 characters of untrusted text, control characters escaped, for error messages. */
    public static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(80).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return value.codePointCount(0, value.length()) > 80 ? sb + "..." : sb.toString();
    }

    /** The most useful message of a failure: the first Savoir message in its causes, else Jackson's. */
    public static String reason(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof KbException && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        String msg = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        if (e.getCause() != null && !(e instanceof JacksonException)) {
            msg = msg + " (" + e.getCause().getMessage() + ")";
        }
        return printable(msg == null ? e.getClass().getSimpleName() : msg.replace('\n', ' '));
    }

    /** The required fields a lenient JSON binding left null. */
    public static List<String> missingFields(ArticleArchive a) {
        List<String> p = new ArrayList<>();
        Article art = a.article();
        if (art == null) {
            p.add("\"article\" is missing");
            return p;
        }
        check(p, "article.id", art.id());
        check(p, "article.category", art.category());
        check(p, "article.type", art.type());
        check(p, "article.owner", art.owner());
        check(p, "article.visibility", art.visibility());
        check(p, "article.sourceLocale", art.sourceLocale());
        check(p, "article.createdAt", art.createdAt());
        check(p, "article.updatedAt", art.updatedAt());
        for (Map.Entry<Locale, Translation> e : art.translations().entrySet()) {
            Translation t = e.getValue();
            check(p, "translation.locale", t.locale());
            check(p, "translation.state", t.state());
            check(p, "translation.updatedAt", t.updatedAt());
            if (t.locale() != null && !t.locale().equals(e.getKey())) {
                p.add("translation " + e.getKey().toLanguageTag() + " says its locale is "
                        + t.locale().toLanguageTag());
            }
        }
        for (List<Revision> revs : a.revisions().values()) {
            if (revs == null) {
                p.add("a list of revisions is null");
                continue;
            }
            for (Revision r : revs) {
                if (r == null) {
                    p.add("a revision is null");
                    continue;
                }
                check(p, "revision.articleId", r.articleId());
                check(p, "revision.locale", r.locale());
                check(p, "revision.content", r.content());
                check(p, "revision.author", r.author());
                check(p, "revision.createdAt", r.createdAt());
                check(p, "revision.contentHash", r.contentHash());
            }
        }
        for (AuditEvent e : a.events()) {
            check(p, "event.at", e.at());
            check(p, "event.actor", e.actor());
            check(p, "event.articleId", e.articleId());
            check(p, "event.action", e.action());
        }
        if (a.feedback() == null) {
            p.add("\"feedback\" is missing");
        }
        return p;
    }

    private static void check(List<String> problems, String field, Object value) {
        if (value == null) {
            problems.add("\"" + field + "\" is missing");
        }
    }
}
