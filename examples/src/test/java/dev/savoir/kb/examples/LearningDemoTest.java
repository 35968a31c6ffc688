package dev.savoir.kb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.VocabularyCandidate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's self-learning step on the sample knowledge base. */
class LearningDemoTest {
    @TempDir
    Path dir;

    @Test
    void passcode_isLearnedAsASynonymOfPassword_andThenFindsTheArticle() {
        try (KnowledgeBase kb = SampleKnowledgeBase.open(dir, Clock.systemUTC())) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<VocabularyCandidate> queue = LearningDemo.run(kb, SampleKnowledgeBase.ADMIN,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            System.out.print(out);
            assertThat(queue).extracting(VocabularyCandidate::pair)
                    .contains(LearnedPair.synonym(Locale.ENGLISH, "passcode", "password"));
            assertThat(out).contains("\"passcode\" before approval: 0 hits");
            assertThat(out).containsPattern("\"passcode\" after approval: +[1-9]\\d* hits");
            assertThat(out).contains("KPIs of the day");
        }
    }
}
