package dev.savoir.kb;

import java.io.Serial;

/**
 * The revision named does not exist (or is not visible to the caller).
 *
 * @since 0.1
 */
public final class RevisionNotFoundException extends NotFoundException {
    @Serial
    private static final long serialVersionUID = 1L;

    public RevisionNotFoundException(String message) {
        super(message);
    }
}
