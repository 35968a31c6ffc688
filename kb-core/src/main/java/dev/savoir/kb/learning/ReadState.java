package dev.savoir.kb.learning;

import org.apiguardian.api.API;

/**
 * Where a learner stands on one article of a path.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public enum ReadState {
    /** The learner acknowledged the published revision, or one since which only minor revisions came. */
    UP_TO_DATE,
    /** The learner acknowledged a revision, but a revision not marked minor was published since: read it again. */
    LAPSED,
    /** The learner never acknowledged this translation. */
    UNREAD,
    /** The article has no published revision in the path's locale (it does not count in completion). */
    NOT_PUBLISHED
}
