package dev.savoir.kb.io;

import dev.savoir.kb.internal.Check;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of an import that went through.
 *
 * @param imported the articles written
 * @param translations the translations written
 * @param rejected the records skipped because they were invalid (only with
 *     {@link ImportOptions.Builder#skipInvalid(boolean)}; otherwise an invalid record refuses the whole import)
 * @param skipped files of a Markdown import that were not articles and were left out (e.g. images when no
 *     attachments folder is configured), with the reason
 * @param attachments images copied to the attachments folder
 * @param took how long the import took
 * @since 0.1
 */
public record ImportReport(long imported, long translations, List<RejectedRecord> rejected, List<String> skipped,
                           long attachments, Duration took) {
    public ImportReport {
        Check.atLeast("imported", imported, 0);
        Check.atLeast("translations", translations, 0);
        rejected = List.copyOf(Check.noNulls("rejected", rejected));
        skipped = List.copyOf(Check.noNulls("skipped", skipped));
        Check.atLeast("attachments", attachments, 0);
        Check.notNull("took", took);
    }
}
