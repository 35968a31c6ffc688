package dev.savoir.kb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KbException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts what hostile inputs really did: each call ends in a safe result, a typed {@link KbException}, an untyped
 * exception (or error), or a timeout. The hostile-input suites assert, from these counts, that no call was untyped
 * or timed out, and print the counted figures; a few examples of each failure are kept for the message.
 */
final class Outcomes {
    /** How one call ended. */
    enum Kind {
        SAFE, TYPED, UNTYPED, TIMEOUT
    }

    /** The end of one call: its value when {@link Kind#SAFE}, its exception when typed or untyped. */
    record Outcome<T>(Kind kind, T value, Throwable error) {
        boolean safe() {
            return kind == Kind.SAFE;
        }
    }

    private static final int EXAMPLES = 5;
    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
    private final List<String> examples = new ArrayList<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-input");
        t.setDaemon(true);
        return t;
    });

    Outcomes() {
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicLong());
        }
    }

    /**
     * Runs the action on its own thread, waits at most {@code bound}, and counts how it ended. A timed-out call is
     * interrupted and left behind (it may still run); a typed error is returned for the caller's own checks; an
     * untyped one is counted, remembered and returned, never thrown.
     */
    <T> Outcome<T> run(String what, String input, Duration bound, Supplier<T> action) {
        Future<T> f = runner.submit(action::get);
        try {
            T value = f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            counts.get(Kind.SAFE).incrementAndGet();
            return new Outcome<>(Kind.SAFE, value, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            record(Kind.TIMEOUT, what + " took longer than " + bound + " on " + input);
            return new Outcome<>(Kind.TIMEOUT, null, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KbException) {
                counts.get(Kind.TYPED).incrementAndGet();
                return new Outcome<>(Kind.TYPED, null, cause);
            }
            record(Kind.UNTYPED, what + " threw an untyped " + cause + " on " + input);
            return new Outcome<>(Kind.UNTYPED, null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + what, e);
        }
    }

    private synchronized void record(Kind kind, String example) {
        counts.get(kind).incrementAndGet();
        if (examples.size() < EXAMPLES * 2) {
            examples.add(kind + ": " + example);
        }
    }

    long count(Kind kind) {
        return counts.get(kind).get();
    }

    long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Adds another run's counts (and examples) to these. */
    synchronized void add(Outcomes other) {
        for (Kind k : Kind.values()) {
            counts.get(k).addAndGet(other.count(k));
        }
        for (String e : other.examples()) {
            if (examples.size() < EXAMPLES * 2) {
                examples.add(e);
            }
        }
    }

    synchronized List<String> examples() {
        return List.copyOf(examples);
    }

    /** The counted figures, for the suite's output line. */
    String figures() {
        return "inputs=" + total() + " safe=" + count(Kind.SAFE) + " typed_errors=" + count(Kind.TYPED) + " untyped="
                + count(Kind.UNTYPED) + " timeouts=" + count(Kind.TIMEOUT);
    }

    /** Fails, from the counts, when any call was untyped or timed out. */
    void assertNoUntypedErrorsNorTimeouts(String suite) {
        assertThat(count(Kind.UNTYPED)).as("%s: untyped exceptions (%s), e.g. %s", suite, figures(), examples())
                .isZero();
        assertThat(count(Kind.TIMEOUT)).as("%s: timeouts (%s), e.g. %s", suite, figures(), examples()).isZero();
    }

    /** Stops the runner threads (a timed-out call may still be running: it is interrupted). */
    void shutdown() {
        runner.shutdownNow();
    }

    /**
     * Ends one test's counting: stops its threads, adds its counts to the suite's {@code all}, prints them under
     * {@code label}, and fails when any of its calls was untyped or timed out.
     */
    void endTest(Outcomes all, String label, org.junit.jupiter.api.TestInfo test) {
        shutdown();
        all.add(this);
        System.out.printf("%s %s %s%n", label, test.getTestMethod().orElseThrow().getName(), figures());
        if (total() > 0) {
            assertNoUntypedErrorsNorTimeouts(test.getDisplayName());
        }
    }
}
