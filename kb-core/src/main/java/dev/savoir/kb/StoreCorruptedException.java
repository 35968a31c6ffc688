package dev.savoir.kb;

import java.io.Serial;

/**
 * The store's files are damaged in a way that recovery cannot repair without losing acknowledged data (a torn
 * last write is repaired silently; damage in the middle is not). Restore the directory from a backup.
 *
 * @since 0.1
 */
public final class StoreCorruptedException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StoreCorruptedException(String message) {
        super(message);
    }

    public StoreCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
