package dev.savoir.kb.internal;

import dev.savoir.kb.InvalidArgumentException;
import java.time.Instant;
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

    /** Checks that [from, to) is a period: both given, {@code from} not after {@code to}. */
    public static void period(@Nullable Instant from, @Nullable Instant to) {
        notNull("from", from);
        notNull("to", to);
        if (from.isAfter(to)) {
            throw new InvalidArgumentException("to", "the period ends (" + to + ") before it starts (" + from
                    + "): pass the earlier instant first");
        }
    }
}
