package dev.savoir.kb.markdown.internal;

import dev.savoir.kb.InvalidArgumentException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks of kb-markdown's public entry points: each failure is kb-core's {@link InvalidArgumentException}
 * naming the parameter (for a builder option, the option), never a bare {@code NullPointerException},
 * {@code IllegalArgumentException} or {@code IllegalStateException}.
 */
public final class Arguments {
    private Arguments() {
    }

    /** {@code value}, or an error naming {@code parameter} if it is null. */
    public static <T> T notNull(String parameter, @Nullable T value) {
        if (value == null) {
            throw new InvalidArgumentException(parameter, "is required, got null");
        }
        return value;
    }

    /** {@code value}, or an error naming {@code parameter} if it is below {@code min}. */
    public static long atLeast(String parameter, long value, long min) {
        if (value < min) {
            throw new InvalidArgumentException(parameter, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** An unmodifiable copy of a list, or an error naming {@code parameter} if it or one of its elements is null. */
    public static <T> List<T> list(String parameter, @Nullable Collection<T> values) {
        notNull(parameter, values);
        int i = 0;
        for (T v : values) {
            if (v == null) {
                throw new InvalidArgumentException(parameter, "must not contain null, got null at index " + i);
            }
            i++;
        }
        return List.copyOf(values);
    }

    /**
     * An unmodifiable deep copy of a map of lists, or an error naming {@code parameter} if it, a key, a value or an
     * element of a value is null.
     */
    public static Map<String, List<String>> mapOfLists(String parameter,
                                                       @Nullable Map<String, List<String>> values) {
        notNull(parameter, values);
        @SuppressWarnings("unchecked")
        Map.Entry<String, List<String>>[] copy = new Map.Entry[values.size()];
        int i = 0;
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (e.getKey() == null) {
                throw new InvalidArgumentException(parameter, "must not contain a null key");
            }
            copy[i++] = Map.entry(e.getKey(), list(parameter + "[" + e.getKey() + "]", e.getValue()));
        }
        return Map.ofEntries(copy);
    }

    /** An error naming a builder option that was set twice. */
    public static InvalidArgumentException setTwice(String option) {
        return new InvalidArgumentException(option, "was already set on this builder; set each option once");
    }
}
