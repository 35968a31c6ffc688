package dev.savoir.kb.io;

import dev.savoir.kb.internal.Check;

/**
 * How far an import has come, passed to {@link ImportOptions.Builder#onProgress} after the file was checked and
 * after every batch written.
 *
 * @param read the records (articles) read and checked so far
 * @param imported the articles written so far
 * @param rejected the records rejected so far (skipped, with {@link ImportOptions.Builder#skipInvalid(boolean)})
 * @param total the number of articles that will be written, known once the file was checked
 * @since 0.1
 */
public record ImportProgress(long read, long imported, long rejected, long total) {
    public ImportProgress {
        Check.atLeast("read", read, 0);
        Check.atLeast("imported", imported, 0);
        Check.atLeast("rejected", rejected, 0);
        Check.atLeast("total", total, 0);
    }
}
