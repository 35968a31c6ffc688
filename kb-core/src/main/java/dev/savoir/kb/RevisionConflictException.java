package dev.savoir.kb;

import java.io.Serial;

/**
 * A change to a translation named a revision that is no longer the latest: another edit landed first. No lost
 * update: nothing was written. {@link #currentRevision()} names the revision to diff against and base a retry on.
 *
 * @since 0.1
 */
public final class RevisionConflictException extends ConflictException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int basedOnRevision;
    private final int currentRevision;

    public RevisionConflictException(ArticleId id, String locale, int basedOnRevision, int currentRevision) {
        super("change to " + id + " [" + locale + "] was based on revision " + basedOnRevision
                + " but the current revision is " + currentRevision
                + ": diff against revision " + currentRevision + ", merge, and retry based on it");
        this.basedOnRevision = basedOnRevision;
        this.currentRevision = currentRevision;
    }

    public int basedOnRevision() {
        return basedOnRevision;
    }

    public int currentRevision() {
        return currentRevision;
    }
}
