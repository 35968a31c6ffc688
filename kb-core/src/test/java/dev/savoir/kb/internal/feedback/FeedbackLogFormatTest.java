package dev.savoir.kb.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.VoteReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback log's lines, as the format was first written (Jackson over the event record, when it still held the
 * API's vote reason and feedback summary), are read back; and what is written now has the same shape.
 */
class FeedbackLogFormatTest {
    private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");
    private static final String LINES = """
            {"kind":"view","article":"a1","locale":"en","viewer":null,"helpful":null,"reason":null,"comment":null,"ticket":null,"at":"2026-02-01T09:00:00Z","base":null}
            {"kind":"vote","article":"a1","locale":"en","viewer":"v1","helpful":false,"reason":"OUTDATED","comment":"old","ticket":null,"at":"2026-02-01T09:00:00Z","base":null}
            {"kind":"ticket","article":"a1","locale":null,"viewer":null,"helpful":null,"reason":null,"comment":null,"ticket":"T-1","at":"2026-02-01T09:00:00Z","base":null}
            {"kind":"restore","article":"b1","locale":null,"viewer":null,"helpful":null,"reason":null,"comment":null,"ticket":null,"at":"2026-02-01T09:00:00Z","base":{"views":7,"helpful":3,"notHelpful":2,"reasons":{"UNCLEAR":2},"ticketLinks":4}}
            """;

    @TempDir
    Path dir;

    private Path logFile() throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }

    @Test
    void linesOfTheFirstFormat_replayIntoTheSameAggregates() throws IOException {
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        try (FeedbackLog store = new FeedbackLog(dir, Duration.ofMinutes(30), clock)) {
            store.view(ArticleId.of("x"), java.util.Locale.ENGLISH, "v", AT);
        }
        Path file = logFile();
        Files.writeString(file, LINES, StandardCharsets.UTF_8);
        try (FeedbackLog store = new FeedbackLog(dir, Duration.ofMinutes(30), clock)) {
            assertThat(store.summary(ArticleId.of("a1")))
                    .isEqualTo(new FeedbackSummary(1, 0, 1, Map.of(VoteReason.OUTDATED, 1L), 1));
            assertThat(store.summary(ArticleId.of("b1")))
                    .isEqualTo(new FeedbackSummary(7, 3, 2, Map.of(VoteReason.UNCLEAR, 2L), 4));
        }
    }

    @Test
    void linesWrittenNow_haveTheFirstFormatsShape() throws IOException {
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        try (FeedbackLog store = new FeedbackLog(dir, Duration.ofMinutes(30), clock)) {
            store.view(ArticleId.of("a1"), java.util.Locale.ENGLISH, "v0", AT);
            store.vote(ArticleId.of("a1"), java.util.Locale.ENGLISH, "v1", false, VoteReason.OUTDATED, "old", AT);
            store.ticket(ArticleId.of("a1"), "T-1", AT);
            store.restore(ArticleId.of("b1"), new FeedbackSummary(7, 3, 2, Map.of(VoteReason.UNCLEAR, 2L), 4), AT);
        }
        assertThat(Files.readString(logFile())).isEqualTo(LINES);
    }
}
