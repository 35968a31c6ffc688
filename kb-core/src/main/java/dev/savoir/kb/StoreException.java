package dev.savoir.kb;

import java.io.Serial;

/**
 * The store could not read or write (disk full, I/O error, closed store). A write that fails with this exception was
 * not acknowledged and left nothing behind.
 *
 * @since 0.1
 */
public class StoreException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
