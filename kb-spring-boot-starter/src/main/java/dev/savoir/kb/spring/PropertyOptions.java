package dev.savoir.kb.spring;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.Violation;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Hands a property's value to a builder option and, when the builder refuses it, fails naming the property instead
 * of the option (as an {@link InvalidArgumentException}, whatever the builder threw): what a Spring developer wrote is {@code savoir.scheduler-interval}, not {@code schedulerInterval}.
 */
final class PropertyOptions {
    private PropertyOptions() {
    }

    /** Sets the option when the property was given; a refusal names {@code property}. */
    static <T> void set(String property, @Nullable T value, Consumer<T> option) {
        if (value == null) {
            return;
        }
        named(property, () -> {
            option.accept(value);
            return null;
        });
    }

    /** Runs a builder call; a {@link ValidationException} it throws is thrown again naming {@code property}. */
    static <T> T named(String property, Supplier<T> call) {
        try {
            return call.get();
        } catch (ValidationException e) {
            throw rename(property, e);
        }
    }

    /** The same refusal, naming the property; the builder's own error is its cause. */
    static InvalidArgumentException rename(String property, ValidationException e) {
        String message = e.violations().isEmpty() ? e.getMessage()
                : e.violations().stream().map(Violation::message).reduce((a, b) -> a + "; " + b).orElseThrow();
        InvalidArgumentException renamed = new InvalidArgumentException(property, message);
        renamed.initCause(e);
        return renamed;
    }
}
