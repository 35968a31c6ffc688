package dev.savoir.kb.io;

import dev.savoir.kb.internal.Check;
import org.jspecify.annotations.Nullable;

/**
 * One record an import refused, and why.
 *
 * @param file the file, or the ZIP entry as {@code export.zip!Billing/refunds.en.md}
 * @param line the line where the record starts (JSON, Markdown) or its row number with the header as row 1 (CSV);
 *     0 when the problem concerns the whole file
 * @param articleId the article's id when it could be read, else {@code null}
 * @param reason what is wrong, and what to do about it
 * @since 0.1
 */
public record RejectedRecord(String file, long line, @Nullable String articleId, String reason) {
    public RejectedRecord {
        Check.notNull("file", file);
        Check.atLeast("line", line, 0);
        Check.notNull("reason", reason);
    }

    /** Where the record is, as {@code file:line}, or just the file when the line is unknown. */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return where() + (articleId == null ? "" : " (" + articleId + ")") + ": " + reason;
    }
}
