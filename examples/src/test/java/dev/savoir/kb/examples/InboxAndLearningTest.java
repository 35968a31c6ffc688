package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.learning.LearnerProgress;
import dev.savoir.kb.learning.PathCompletion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Feedback inbox" and "Learning paths" are this module's compiled code, and they do what it says. */
class InboxAndLearningTest {
    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void readmeSections_areTheCompiledExamples() throws Exception {
        String readme = Files.readString(QuickStartTest.ROOT.resolve("README.md"));
        String source = Files.readString(QuickStartTest.ROOT.resolve(
                "examples/src/main/java/dev/savoir/kb/examples/InboxAndLearning.java"));
        for (String tag : List.of("inbox", "learning-paths")) {
            assertThat(QuickStartTest.between(readme, "<!-- " + tag + ":start -->\n```java",
                    "```\n<!-- " + tag + ":end -->"))
                    .isEqualTo(QuickStartTest.between(source, "// tag::" + tag + "[]", "// end::" + tag + "[]"));
        }
    }

    @Test
    void onTheSample_theSuggestionBecomesADraft_andTheMaterialChangeAsksAnnAgain(@TempDir Path dir) {
        try (KnowledgeBase kb = SampleKnowledgeBase.open(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            InboxAndLearning.InboxResult r = InboxAndLearning.inbox(kb);
            assertThat(r.accepted().state()).isEqualTo(ItemState.ACCEPTED);
            int draft = r.accepted().resultingRevision();
            assertThat(kb.revision(SampleKnowledgeBase.ADMIN, InboxAndLearning.RESET, java.util.Locale.ENGLISH,
                    draft).content().body()).isEqualTo("Open **Settings > Security** and choose *Reset*.");
            assertThat(r.customersItems()).hasSize(1);
            assertThat(r.customersItems().getFirst().comments()).extracting(ItemComment::text)
                    .containsExactly("Fixed: the new version goes live tomorrow");
            assertThat(r.backlog().pending()).isEqualTo(2);
            assertThat(r.perOwner()).extracting(o -> o.owner()).containsExactlyInAnyOrder(
                    "camille.durand@lumo.example", "nadia.benali@lumo.example");

            List<LearnerProgress> progress = InboxAndLearning.learningPaths(kb);
            assertThat(progress).extracting(LearnerProgress::learner).containsExactly("ann", "bob");
            assertThat(progress.getFirst().toRead()).containsExactly(InboxAndLearning.ESCALATE);
            assertThat(progress.getFirst().percent()).isEqualTo(50.0);
            assertThat(progress.get(1).percent()).isZero();
            assertThat(kb.learningPaths().completionByPath()).extracting(PathCompletion::percent)
                    .containsExactly(25.0);
        }
    }

    @Test
    void demoStep_printsTheInboxAndTheLearningPath(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (KnowledgeBase kb = SampleKnowledgeBase.open(dir, Clock.fixed(NOW, ZoneOffset.UTC))) {
            InboxAndLearning.print(kb, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ACCEPTED, draft revision")
                .contains("Backlog: 2 pending").contains("Learning path tier-1-basics, ann: 50% up to date")
                .contains("Completion of tier-1-basics: 25% over 2 learner(s)");
    }
}
