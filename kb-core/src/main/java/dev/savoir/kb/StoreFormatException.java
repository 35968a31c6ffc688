package dev.savoir.kb;

import java.io.Serial;

/**
 * The store's files are in a format this version of Savoir does not read: written by a newer Savoir, or claiming a
 * format no release wrote. The message names the format found, the ones supported and what to do (typically: open
 * the store with the Savoir version that wrote it, or export it there and import the export here). The store's
 * files were left as they were.
 *
 * @since 0.1
 */
public final class StoreFormatException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int foundFormat;
    private final int supportedFormat;

    public StoreFormatException(String message, int foundFormat, int supportedFormat) {
        super(message);
        this.foundFormat = foundFormat;
        this.supportedFormat = supportedFormat;
    }

    /** The format version the store's files claim. */
    public int foundFormat() {
        return foundFormat;
    }

    /** The (newest) format version this Savoir reads and writes. */
    public int supportedFormat() {
        return supportedFormat;
    }
}
