package dev.savoir.kb.internal;

import org.slf4j.Logger;

/**
 * Logs a background task that fails round after round (the database down for a minute) without flooding the log:
 * the first failure of a run with its stack trace, then one line every {@value #EVERY} failures, and one line when
 * the task succeeds again. Thread-safe.
 */
public final class RetryLog {
    /** Failures between two reminders of a run. */
    static final int EVERY = 100;

    private final Logger log;
    private final String task;
    private long failures;

    /**
     * @param task what fails, as the start of a sentence ("Following the store's change feed")
     */
    public RetryLog(Logger log, String task) {
        this.log = log;
        this.task = task;
    }

    /** Records a failed round. */
    public synchronized void failed(RuntimeException e) {
        failures++;
        if (failures == 1) {
            log.warn("{} failed; retrying in the background", task, e);
        } else if (failures % EVERY == 0) {
            log.warn("{} still fails after {} attempts: {}", task, failures, e.toString());
        } else {
            log.debug("{} failed again (attempt {})", task, failures, e);
        }
    }

    /** Records a round that worked: ends a run of failures. */
    public synchronized void succeeded() {
        if (failures > 0) {
            log.info("{} works again after {} failed attempts", task, failures);
            failures = 0;
        }
    }
}
