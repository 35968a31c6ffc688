package dev.savoir.kb.inbox;

import org.apiguardian.api.API;

/**
 * What an inbox item asks for.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public enum ItemKind {
    /** The article has a problem (outdated, incorrect, unclear...), described in words. */
    FLAG,
    /** A proposed new Markdown body, against the revision it was written from. */
    SUGGESTED_EDIT
}
