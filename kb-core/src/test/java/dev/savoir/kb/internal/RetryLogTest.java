package dev.savoir.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class RetryLogTest {
    /** What was logged at INFO and above: level, message, whether a stack trace came with it. */
    private record Line(Level level, String message, boolean trace) {
    }

    private static final class Capture extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<Line> lines = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable t) {
            if (level.toInt() >= Level.INFO.toInt()) {
                lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, args), t != null));
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    @Test
    void anOutage_logsItsFirstFailureWithTheTrace_thenARareReminder_thenTheRecovery() {
        Capture log = new Capture();
        RetryLog retries = new RetryLog(log, "Following the feed");
        for (int i = 0; i < 250; i++) {
            retries.failed(new IllegalStateException("connection refused"));
        }
        retries.succeeded();
        retries.succeeded();
        retries.failed(new IllegalStateException("again"));
        assertThat(log.lines).containsExactly(
                new Line(Level.WARN, "Following the feed failed; retrying in the background", true),
                new Line(Level.WARN, "Following the feed still fails after 100 attempts: "
                        + "java.lang.IllegalStateException: connection refused", false),
                new Line(Level.WARN, "Following the feed still fails after 200 attempts: "
                        + "java.lang.IllegalStateException: connection refused", false),
                new Line(Level.INFO, "Following the feed works again after 250 failed attempts", false),
                new Line(Level.WARN, "Following the feed failed; retrying in the background", true));
    }
}
