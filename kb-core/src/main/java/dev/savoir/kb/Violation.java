package dev.savoir.kb;

import java.util.Objects;

/**
 * One broken rule: which field (or rule) and what to do about it.
 *
 * @param field the field or rule name, e.g. {@code title} or {@code links}
 * @param message what is wrong and how to fix it
 * @since 0.1
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
