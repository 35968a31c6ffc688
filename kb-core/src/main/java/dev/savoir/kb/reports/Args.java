package dev.savoir.kb.reports;

import dev.savoir.kb.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * The argument checks of this package's values, as in {@code dev.savoir.kb.internal.Check}: a value package depends
 * on no internal package, so it keeps its own copy of the few it needs.
 */
final class Args {
    private Args() {
    }

    static <T> T notNull(String parameter, @Nullable T value) {
        if (value == null) {
            throw new InvalidArgumentException(parameter, "is required, got null");
        }
        return value;
    }

    static long atLeast(String parameter, long value, long min) {
        if (value < min) {
            throw new InvalidArgumentException(parameter, "must be at least " + min + ", got " + value);
        }
        return value;
    }
}
