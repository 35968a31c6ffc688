package dev.savoir.kb;

import dev.savoir.kb.internal.Check;


/**
 * One broken rule: which field (or rule) and what to do about it.
 *
 * @param field the field or rule name, e.g. {@code title} or {@code links}
 * @param message what is wrong and how to fix it
 * @since 0.1
 */
public record Violation(String field, String message) {
    public Violation {
        Check.notNull("field", field);
        Check.notNull("message", message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
