package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
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
    public RevisionDiff {
        Check.notNull("articleId", articleId);
        Check.notNull("locale", locale);
        Check.atLeast("fromRevision", fromRevision, 1);
        Check.atLeast("toRevision", toRevision, 1);
        fields = List.copyOf(Check.noNulls("fields", fields));
        bodyChanges = List.copyOf(Check.noNulls("bodyChanges", bodyChanges));
        Check.notNull("unifiedBody", unifiedBody);
    }
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
        public FieldChange {
            Check.notNull("field", field);
            Check.notNull("before", before);
            Check.notNull("after", after);
        }
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
        public LineChange {
            Check.notNull("kind", kind);
            Check.atLeast("fromLine", fromLine, 0);
            before = List.copyOf(Check.noNulls("before", before));
            Check.atLeast("toLine", toLine, 0);
            after = List.copyOf(Check.noNulls("after", after));
        }
        /** The kind of a line change. */
        public enum Kind { INSERT, DELETE, CHANGE }
    }
}
