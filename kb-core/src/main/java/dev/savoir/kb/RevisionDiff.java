package dev.savoir.kb;

import java.util.List;
import java.util.Locale;

/**
 * The difference between two revisions of a translation: which fields changed, and the body line by line.
 *
 * @param articleId the article
 * @param locale the translation
 * @param fromRevision the older side
 * @param toRevision the newer side
 * @param fields the fields that differ (title, summary, tags, body)
 * @param bodyChanges the body's changed line ranges, in order
 * @param unifiedBody the body diff in unified format, for display
 * @since 0.1
 */
public record RevisionDiff(ArticleId articleId, Locale locale, int fromRevision, int toRevision,
                           List<FieldChange> fields, List<LineChange> bodyChanges, String unifiedBody) {
    /** Whether the two revisions have the same content. */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * One changed field.
     *
     * @param field the field name
     * @param before the value in the older revision
     * @param after the value in the newer revision
     */
    public record FieldChange(String field, String before, String after) {
    }

    /**
     * One changed range of body lines.
     *
     * @param kind inserted, deleted or changed
     * @param fromLine the first line in the older body (0-based)
     * @param before the lines removed
     * @param toLine the first line in the newer body (0-based)
     * @param after the lines added
     */
    public record LineChange(Kind kind, int fromLine, List<String> before, int toLine, List<String> after) {
        /** The kind of a line change. */
        public enum Kind { INSERT, DELETE, CHANGE }
    }
}
