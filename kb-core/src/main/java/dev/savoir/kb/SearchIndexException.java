package dev.savoir.kb;

import java.io.Serial;

/**
 * The search index could not be read or written (I/O error, disk full, files removed or locked by another process).
 * The store is the source of truth and is not affected: check that the index folder is readable and writable and
 * that the disk has space, then retry. A damaged index can be deleted; the knowledge base rebuilds it from the store
 * when it next opens.
 *
 * @since 0.1
 */
public class SearchIndexException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, and what to check
     * @param cause the I/O failure
     */
    public SearchIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
