package dev.savoir.kb.internal.analytics;

import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.tck.AnalyticsStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;

/** The built-in analytics logs, in a folder, pass the whole {@link AnalyticsStoreContract}. */
class FileAnalyticsStoreContractTest extends AnalyticsStoreContract {
    @TempDir
    Path dir;

    @Override
    protected AnalyticsStore newStore(int queueCapacity, Instant now) {
        return new FileAnalyticsStore(dir, queueCapacity, 365, now);
    }

    @Override
    protected AnalyticsStore reopen(Instant now) {
        return new FileAnalyticsStore(dir, 1_000, 365, now);
    }
}
