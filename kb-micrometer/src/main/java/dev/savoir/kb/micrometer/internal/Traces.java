package dev.savoir.kb.micrometer.internal;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * One observation per search and per store write, with low-cardinality keys only, opened in scope on the working
 * thread (so that tracing nests what the store or engine does under it) and stopped on the same thread. A failure
 * reaches the observation as an exception carrying only the failure's class name: a message may quote the query,
 * and tracing exports messages.
 */
public final class Traces {
    private final ObservationRegistry registry;
    private final KeyValues common;

    public Traces(ObservationRegistry registry, KeyValues common) {
        this.registry = registry;
        this.common = common;
    }

    /** Starts an observation in scope; null when the registry observes nothing. */
    public Observation.@Nullable Scope start(String name, String contextualName, KeyValues keys) {
        if (registry.isNoop()) {
            return null;
        }
        Observation o = Observation.createNotStarted(name, registry).contextualName(contextualName)
                .lowCardinalityKeyValues(common).lowCardinalityKeyValues(keys).start();
        return o.openScope();
    }

    /** Closes the scope and stops its observation, with the outcome's keys and the failure's class. */
    public static void stop(@Nullable Object started, KeyValues outcome, @Nullable Class<? extends Throwable> error) {
        if (!(started instanceof Observation.Scope scope)) {
            return;
        }
        Observation o = scope.getCurrentObservation();
        scope.close();
        o.lowCardinalityKeyValues(outcome);
        if (error != null) {
            o.error(new ObservedFailure(Names.exception(error)));
        }
        o.stop();
    }

    /** What an observation is told of a failure: its class name, no message, no stack. */
    public static final class ObservedFailure extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        ObservedFailure(String exceptionClass) {
            super(exceptionClass, null, false, false);
        }
    }
}
