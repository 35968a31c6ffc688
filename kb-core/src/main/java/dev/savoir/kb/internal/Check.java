package dev.savoir.kb.internal;

import dev.savoir.kb.InvalidArgumentException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks of every public entry point: each failure is an {@link InvalidArgumentException} naming the
 * parameter, never a bare {@code NullPointerException} or {@code IllegalArgumentException}.
 */
public final class Check {
    private Check() {
    }

    /** {@code value}, or an error naming {@code parameter} if it is null. */
    public static <T> T notNull(String parameter, @Nullable T value) {
        if (value == null) {
            throw new InvalidArgumentException(parameter, "is required, got null");
        }
        return value;
    }

    /** {@code value}, or an error naming {@code parameter} if it is outside [min, max]. */
    public static int range(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(parameter, "must be between " + min + " and " + max + ", got "
                    + value);
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

    /** {@code value}, or an error naming {@code parameter} if it is below {@code min}. */
    public static int atLeast(String parameter, int value, int min) {
        if (value < min) {
            throw new InvalidArgumentException(parameter, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** {@code value}, or an error naming {@code parameter} if it is null or below {@code min}. */
    public static @Nullable Integer atLeastIfPresent(String parameter, @Nullable Integer value, int min) {
        if (value != null) {
            atLeast(parameter, (int) value, min);
        }
        return value;
    }

    /** {@code values}, or an error naming {@code parameter} if it or one of its elements is null. */
    public static <C extends Collection<?>> C noNulls(String parameter, @Nullable C values) {
        notNull(parameter, values);
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw new InvalidArgumentException(parameter, "element " + i + " is null: pass only non-null "
                        + "values (an empty collection for none)");
            }
            i++;
        }
        return values;
    }

    /** {@code values}, or an error naming {@code parameter} if it or one of its elements is null. */
    public static <T> T[] noNulls(String parameter, T @Nullable [] values) {
        notNull(parameter, values);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new InvalidArgumentException(parameter, "element " + i + " is null: pass only non-null "
                        + "values (none at all for none)");
            }
        }
        return values;
    }

    /** {@code map}, or an error naming {@code parameter} if it, one of its keys or one of its values is null. */
    public static <M extends Map<?, ?>> M noNulls(String parameter, @Nullable M map) {
        notNull(parameter, map);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new InvalidArgumentException(parameter, "holds a null " + (e.getKey() == null ? "key" : "value"
                        + " for " + e.getKey()) + ": pass only non-null keys and values");
            }
        }
        return map;
    }

    /** Checks that [from, to) is a period: both given, {@code from} not after {@code to}. */
    public static void period(@Nullable Instant from, @Nullable Instant to) {
        notNull("from", from);
        notNull("to", to);
        if (from.isAfter(to)) {
            throw new InvalidArgumentException("to", "the period ends (" + to + ") before it starts (" + from
                    + "): pass the earlier instant first");
        }
    }

    /**
     * Checks that {@code from} (if given) is not after {@code to} (if given): either may be null for an open end.
     */
    public static void openPeriod(String fromName, @Nullable Instant from, String toName, @Nullable Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidArgumentException(toName, "the period ends (" + to + ") before it starts (" + from
                    + "): pass the earlier instant as " + fromName);
        }
    }
}
