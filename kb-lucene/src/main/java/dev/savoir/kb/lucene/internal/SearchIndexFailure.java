package dev.savoir.kb.lucene.internal;

import dev.savoir.kb.SearchIndexException;
import java.io.IOException;

/** The one wording of index I/O failures: what failed, why, and what to check. */
public final class SearchIndexFailure {
    private SearchIndexFailure() {
    }

    /** A {@link SearchIndexException} for {@code what} (a gerund: "searching", "committing the index"). */
    public static SearchIndexException of(String what, IOException cause) {
        return new SearchIndexException(what + " failed: " + cause.getMessage() + " (check that the index folder is "
                + "readable and writable and that the disk has space; a deleted index is rebuilt from the store)",
                cause);
    }
}
