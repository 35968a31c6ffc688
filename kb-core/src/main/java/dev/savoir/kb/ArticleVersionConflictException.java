package dev.savoir.kb;

import java.io.Serial;

/**
 * A change to an article's metadata (category, tags, visibility, ...) named an article version that is no longer
 * current. Nothing was written; {@link #currentVersion()} is the version to retry against.
 *
 * @since 0.1
 */
public final class ArticleVersionConflictException extends ConflictException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long currentVersion;

    public ArticleVersionConflictException(ArticleId id, long basedOnVersion, long currentVersion) {
        super("change to " + id + " was based on article version " + basedOnVersion
                + " but the current version is " + currentVersion + ": reload the article and retry");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
