package dev.savoir.kb.inbox;

import org.apiguardian.api.API;

/**
 * Why an article was flagged.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public enum FlagReason {
    OUTDATED,
    INCORRECT,
    UNCLEAR,
    MISSING_INFORMATION,
    BROKEN_LINK,
    OTHER
}
