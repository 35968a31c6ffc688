package dev.savoir.kb.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.SearchAnalytics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval queue through the facade: who may use it, what a decision does, and that it lasts. */
class LearningTest {
    static final Instant T0 = Instant.parse("2026-04-10T09:00:00Z");
    static final Actor MANAGER = Actor.of("kim@example.com", Role.PUBLISHER);
    static final Actor AUTHOR = Actor.of("ann@example.com", Role.AUTHOR);
    static final LearnedPair BILL = LearnedPair.synonym(Locale.ENGLISH, "bill", "invoice");

    @TempDir
    Path dir;
    final LearningSimulationTest.ReplayClock clock = new LearningSimulationTest.ReplayClock();
    final VocabularyEngine engine = new VocabularyEngine();

    KnowledgeBase open() {
        clock.now = T0;
        return KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO)
                .searchEngine(context -> engine).build();
    }

    /** {@code sessions} sessions search {@code from} (nothing clicked), then {@code to}, and click. */
    void reformulate(KnowledgeBase kb, int sessions, String from, int fromResults, String to) {
        SearchAnalytics a = kb.analytics();
        ViewerContext v = ViewerContext.external(Locale.ENGLISH);
        for (int i = 0; i < sessions; i++) {
            String s = from + "-" + to + "-" + i;
            a.recordSearch(s, v, from, fromResults, List.of(), Duration.ofMillis(1));
            clock.now = clock.now.plusSeconds(10);
            a.recordSearch(s, v, to, 3, List.of(ArticleId.of("a1")), Duration.ofMillis(1));
            clock.now = clock.now.plusSeconds(5);
            a.recordClick(s, v, to, ArticleId.of("a1"), 1);
            clock.now = clock.now.plusSeconds(60);
        }
        a.flush();
    }

    @Test
    void approve_handsTheVocabularyToTheEngine_andIsNotProposedAgain() {
        try (KnowledgeBase kb = open()) {
            reformulate(kb, 4, "Pay my Bill", 0, "pay my invoice");
            reformulate(kb, 3, "pasword", 0, "password");
            List<VocabularyCandidate> queue = kb.learning().candidates(MANAGER, T0, T0.plus(Duration.ofDays(1)), 10);
            assertThat(queue).extracting(VocabularyCandidate::pair).containsExactly(BILL,
                    LearnedPair.correction(Locale.ENGLISH, "pasword", "password"));
            assertThat(queue.getFirst().sessions()).isEqualTo(4);
            assertThat(queue.getFirst().share()).isEqualTo(1.0);

            VocabularyDecision d = kb.learning().approve(MANAGER, BILL);
            assertThat(d.approved()).isTrue();
            assertThat(d.decidedBy()).isEqualTo(MANAGER.id());
            assertThat(engine.current()).containsExactly(BILL);
            LearnedPair typo = queue.get(1).pair();
            LearnedPair edited = LearnedPair.correction(Locale.ENGLISH, "pasword", "password reset");
            kb.learning().approveEdited(MANAGER, typo, edited);
            assertThat(engine.current()).containsExactlyInAnyOrder(BILL, edited);
            assertThat(kb.learning().candidates(MANAGER, T0, T0.plus(Duration.ofDays(1)), 10)).isEmpty();

            kb.learning().reject(MANAGER, typo);
            assertThat(engine.current()).containsExactly(BILL);
            assertThat(kb.learning().withdraw(MANAGER, BILL)).isTrue();
            assertThat(engine.current()).isEmpty();
            assertThat(kb.learning().candidates(MANAGER, T0, T0.plus(Duration.ofDays(1)), 10))
                    .extracting(VocabularyCandidate::pair).containsExactly(BILL);
        }
    }

    @Test
    void decisions_lastAcrossARestart_andReachTheEngineAtOpen() {
        try (KnowledgeBase kb = open()) {
            kb.learning().approve(MANAGER, BILL);
            kb.learning().reject(MANAGER, LearnedPair.synonym(Locale.ENGLISH, "reset password", "contact support"));
        }
        engine.vocabularies.clear();
        try (KnowledgeBase kb = open()) {
            assertThat(engine.current()).containsExactly(BILL);
            assertThat(kb.learning().decisions(MANAGER)).hasSize(2)
                    .filteredOn(VocabularyDecision::approved).extracting(VocabularyDecision::applied)
                    .containsExactly(BILL);
        }
    }

    @Test
    void everyCall_needsAKnowledgeManager() {
        try (KnowledgeBase kb = open()) {
            Instant to = T0.plusSeconds(60);
            assertThatThrownBy(() -> kb.learning().candidates(AUTHOR, T0, to, 10))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.learning().approve(AUTHOR, BILL)).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.learning().reject(AUTHOR, BILL)).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.learning().withdraw(AUTHOR, BILL))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.learning().decisions(AUTHOR)).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.learning().kpis(AUTHOR, T0, to)).isInstanceOf(PermissionDeniedException.class);
            assertThat(kb.learning().kpis(Actor.of("rev@example.com", Role.REVIEWER), T0, to)).isNotNull();
            assertThat(engine.current()).isEmpty();
        }
    }

    @Test
    void badInput_isATypedError() {
        try (KnowledgeBase kb = open()) {
            assertThatThrownBy(() -> kb.learning().candidates(MANAGER, T0, T0.minusSeconds(1), 10))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("before it starts");
            assertThatThrownBy(() -> kb.learning().candidates(MANAGER, T0, T0, 0))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
            assertThatThrownBy(() -> kb.learning().approve(MANAGER, null))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("candidate");
            assertThatThrownBy(() -> kb.learning().approveEdited(MANAGER, BILL,
                    LearnedPair.synonym(Locale.FRENCH, "facture", "note")))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("language");
        }
        assertThatThrownBy(() -> LearnedPair.synonym(Locale.ENGLISH, "Bill!", "bill"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same as from");
        assertThatThrownBy(() -> LearnedPair.synonym(Locale.ENGLISH, "jane@example.com", "customer"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("personal data");
        assertThatThrownBy(() -> LearnedPair.synonym(Locale.ENGLISH, "one two three four", "x"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at most 3 words");
        assertThatThrownBy(() -> LearnedPair.synonym(Locale.ROOT, "a", "b"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("language");
        assertThatThrownBy(() -> KnowledgeBase.builder().learningMinSessions(1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("learningMinSessions");
        assertThat(LearnedPair.synonym(Locale.forLanguageTag("en-GB"), " Bill ", "INVOICE")).isEqualTo(BILL);
    }

    @Test
    void personalData_isNeverLearned_evenWithRawTextAnalytics() {
        clock.now = T0;
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().clock(clock).analyticsRawText(true).build()) {
            reformulate(kb, 5, "invoice jane.doe@example.com", 0, "invoice");
            reformulate(kb, 5, "call +33 6 12 34 56 78", 0, "contact");
            reformulate(kb, 5, "order 4471", 0, "order 4472");
            assertThat(kb.learning().candidates(MANAGER, T0, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        }
    }
}
