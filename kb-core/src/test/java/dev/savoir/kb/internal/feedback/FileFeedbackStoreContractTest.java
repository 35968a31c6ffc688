package dev.savoir.kb.internal.feedback;

import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.tck.FeedbackStoreContract;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The built-in feedback log, in a folder, passes the whole {@link FeedbackStoreContract}. */
class FileFeedbackStoreContractTest extends FeedbackStoreContract {
    @TempDir
    Path dir;

    @Override
    protected FeedbackStore newStore(Clock clock, Duration window) {
        return new FileFeedbackStore(dir, window, clock);
    }

    @Override
    protected FeedbackStore reopen(Clock clock, Duration window) {
        return new FileFeedbackStore(dir, window, clock);
    }
}
