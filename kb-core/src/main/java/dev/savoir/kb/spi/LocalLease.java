package dev.savoir.kb.spi;

import java.time.Duration;

/** {@link SchedulerLease#local()}: one process, always the holder. */
enum LocalLease implements SchedulerLease {
    INSTANCE;

    @Override
    public boolean tryAcquire(Duration ttl) {
        return true;
    }

    @Override
    public void release() {
        // Nothing is held beyond this process.
    }
}
