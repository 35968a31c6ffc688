package dev.savoir.kb.learning;

import org.apiguardian.api.API;

/**
 * What a learned pair does to a search.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public enum PairKind {
    /**
     * The words mean the same here: a search for {@code from} also finds what {@code to} finds ("bill" →
     * "invoice"). Mined from reformulations within a session that end in a click.
     */
    SYNONYM,
    /**
     * A misspelling: {@code from} is read as {@code to} ("pasword" → "password"). Mined from a search that found
     * nothing followed in the session by one a small edit away that found something.
     */
    CORRECTION
}
