package dev.savoir.kb.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.SearchAnalytics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Learning on a seeded, simulated search log of 4,000 sessions: the true synonyms and corrections fill the top of
 * the queue, and no noise (topic switches, random reformulations, refinements, plurals, order numbers, personal
 * data, a pair made by too few sessions, a robot) is proposed at all.
 */
class LearningSimulationTest {
    static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(31));
    static final Actor MANAGER = Actor.of("kim@example.com", Role.PUBLISHER);

    /** A clock the replay moves to each event's time. */
    static final class ReplayClock extends Clock {
        volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Replays the log through the knowledge base's own analytics, as the help center would record it. */
    static void replay(KnowledgeBase kb, ReplayClock clock, List<SimulatedSearchLog.Event> events) {
        SearchAnalytics a = kb.analytics();
        int n = 0;
        for (SimulatedSearchLog.Event e : events) {
            clock.now = e.at();
            ViewerContext viewer = ViewerContext.external(e.locale());
            if (e.click()) {
                a.recordClick(e.session(), viewer, e.query(), ArticleId.of("a1"), 1);
            } else {
                a.recordSearch(e.session(), viewer, e.query(), e.results(),
                        e.results() == 0 ? List.of() : List.of(ArticleId.of("a1")), Duration.ofMillis(2));
            }
            if (++n % 5_000 == 0) {
                a.flush();
            }
        }
        a.flush();
        assertThat(a.droppedEvents()).isZero();
    }

    static List<VocabularyCandidate> mine(int minSessions, long seed) {
        ReplayClock clock = new ReplayClock();
        List<SimulatedSearchLog.Event> log = new SimulatedSearchLog(seed, START).generate(4_000);
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().clock(clock).schedulerInterval(Duration.ZERO)
                .learningMinSessions(minSessions).build()) {
            replay(kb, clock, log);
            return kb.learning().candidates(MANAGER, START, END, 100);
        }
    }

    static double precisionAt(List<VocabularyCandidate> queue, int k) {
        Set<LearnedPair> truth = Set.copyOf(SimulatedSearchLog.TRUE_PAIRS);
        long hits = queue.stream().limit(k).filter(c -> truth.contains(c.pair())).count();
        return (double) hits / k;
    }

    @Test
    void simulatedLog_truePairsRankFirst_noiseIsNotProposed() {
        List<VocabularyCandidate> queue = mine(3, 42);
        Set<LearnedPair> truth = Set.copyOf(SimulatedSearchLog.TRUE_PAIRS);
        double p10 = precisionAt(queue, 10);
        long proposedTrue = queue.stream().filter(c -> truth.contains(c.pair())).count();
        System.out.printf("Learned vocabulary on the simulated log (seed 42, 4,000 sessions, k = 3): P@10 = %.2f, "
                + "%d candidates, %d of %d true pairs proposed%n", p10, queue.size(), proposedTrue, truth.size());
        queue.stream().limit(20).forEach(c -> System.out.printf("  %-45s sessions %3d  share %.2f%n", c.pair(),
                c.sessions(), c.share()));

        assertThat(p10).isGreaterThanOrEqualTo(0.9);
        assertThat(queue).extracting(VocabularyCandidate::pair).as("noise is not proposed").allMatch(truth::contains);
        assertThat(queue).extracting(VocabularyCandidate::pair)
                .doesNotContainAnyElementsOf(SimulatedSearchLog.fixedNoise());
        assertThat(proposedTrue).as("true pairs found").isGreaterThanOrEqualTo(10);
        assertThat(queue).allMatch(c -> c.sessions() >= 3);
        assertThat(queue).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(queue.getFirst().pair()).isEqualTo(SimulatedSearchLog.TRUE_PAIRS.getFirst());
    }

    @Test
    void simulatedLog_otherSeeds_keepPrecisionAtTen_andProposeNoNoise() {
        for (long seed : new long[] {1, 7, 2026}) {
            List<VocabularyCandidate> queue = mine(3, seed);
            double p10 = precisionAt(queue, 10);
            System.out.printf("seed %d: P@10 = %.2f over %d candidates%n", seed, p10, queue.size());
            assertThat(p10).as("seed " + seed).isGreaterThanOrEqualTo(0.9);
            assertThat(queue).extracting(VocabularyCandidate::pair).as("seed " + seed + ": no noise")
                    .allMatch(Set.copyOf(SimulatedSearchLog.TRUE_PAIRS)::contains);
        }
    }

    @Test
    void minimumSessions_isWhatKeepsARarePairOut() {
        assertThat(mine(3, 42)).extracting(VocabularyCandidate::pair).doesNotContain(SimulatedSearchLog.TOO_FEW);
        assertThat(mine(2, 42)).extracting(VocabularyCandidate::pair).contains(SimulatedSearchLog.TOO_FEW)
                .as("a robot repeating a pair is one session").doesNotContain(SimulatedSearchLog.ROBOT);
    }

    @Test
    void examples_showTheReformulationOnly_withoutViewerIdentity() {
        List<VocabularyCandidate> queue = mine(3, 42);
        VocabularyCandidate bill = queue.stream().filter(c -> c.pair().from().equals("bill")).findFirst()
                .orElseThrow();
        assertThat(bill.examples()).hasSizeBetween(1, 3);
        for (ExampleSession e : bill.examples()) {
            assertThat(e.steps()).hasSize(2);
            assertThat(e.steps().get(0).query()).contains("bill");
            assertThat(e.steps().get(1).query()).contains("invoice");
            assertThat(e.steps().get(1).secondsAfterFirst()).isPositive();
        }
        String all = queue.stream().flatMap(c -> c.examples().stream()).map(ExampleSession::toString)
                .collect(Collectors.joining());
        assertThat(all).doesNotContainPattern("\\bs\\d+\\b").doesNotContain("example.com").doesNotContain("<email>")
                .doesNotContain("4111");
    }
}
