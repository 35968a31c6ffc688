package dev.savoir.kb.internal.learning;

import dev.savoir.kb.internal.privacy.PersonalData;
import dev.savoir.kb.learning.ExampleSession;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.PairKind;
import dev.savoir.kb.learning.VocabularyCandidate;
import dev.savoir.kb.spi.AnalyticsEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Mines synonym and correction candidates from the searches and clicks of sessions (the rules are those documented
 * on {@link dev.savoir.kb.learning.Learning}): feed it every event of a period with {@link #accept}, then read
 * {@link #candidates}. Not thread-safe: one miner per call.
 */
public final class VocabularyMiner {
    /** The longest pause between a search and its reformulation. */
    static final Duration MAX_GAP = Duration.ofMinutes(5);
    /** Sessions with more searches are taken for robots. */
    static final int MAX_SESSION_SEARCHES = 100;
    /** The least part of a text's reformulations a pair must be. */
    static final double MIN_SHARE = 0.2;
    /**
     * The least surprise of a pair: the log-likelihood ratio (Dunning's G², one degree of freedom) of its sessions
     * among those that reformulated its first words, against the rate at which its second words are reformulated to
     * from other words; 15 is p below 0.0001. Random topic switches to a popular query that happen to repeat stay
     * below it.
     */
    static final double MIN_SURPRISE = 15;
    /**
     * Words searched alone at least {@value #MIN_SEARCHES_FOR_CLICK_RATE} times whose searches ended in a click at
     * least this often need no synonym: they work already, and what followed them was another question.
     */
    static final double WORKS_CLICK_RATE = 0.5;
    static final int MIN_SEARCHES_FOR_CLICK_RATE = 5;
    static final int MAX_EXAMPLES = 3;
    /** The most events one mining reads; beyond, the rest of the period is left out. */
    static final int MAX_EVENTS = 5_000_000;

    private final int minSessions;
    private final Map<String, List<AnalyticsEvent>> sessions = new HashMap<>();
    private int events;

    /** One search of a session, and whether a result of it was clicked. */
    private static final class Step {
        final String query;
        final String language;
        final int results;
        final Instant at;
        boolean clicked;

        Step(String query, String language, int results, Instant at) {
            this.query = query;
            this.language = language;
            this.results = results;
            this.at = at;
        }
    }

    /** The sessions that made one reformulation, with a few examples. */
    private static final class Evidence {
        final Set<String> sessions = new HashSet<>();
        final List<ExampleSession> examples = new ArrayList<>();
    }

    public VocabularyMiner(int minSessions) {
        this.minSessions = minSessions;
    }

    /** Takes one search or click event (others, and events without a session, are ignored). */
    public void accept(AnalyticsEvent e) {
        if (e.session() == null || e.query() == null || e.language() == null || events >= MAX_EVENTS
                || e.kind() == AnalyticsEvent.Kind.TICKET) {
            return;
        }
        events++;
        sessions.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e);
    }

    /** The candidates, best first, leaving out those {@code decided} says were decided already. */
    public List<VocabularyCandidate> candidates(Predicate<LearnedPair> decided) {
        Map<LearnedPair, Evidence> pairs = new LinkedHashMap<>();
        Map<String, Set<String>> reformulated = new HashMap<>();
        Map<String, Integer> targets = new HashMap<>();
        Map<String, Integer> perLanguage = new HashMap<>();
        Map<String, int[]> clickRates = new HashMap<>();
        sessions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(s -> {
            List<Step> steps = steps(s.getValue());
            if (steps.size() > MAX_SESSION_SEARCHES) {
                return;
            }
            for (Step step : steps) {
                int[] c = clickRates.computeIfAbsent(step.language + "|" + step.query, k -> new int[2]);
                c[0]++;
                c[1] += step.clicked ? 1 : 0;
            }
            for (int i = 0; i + 1 < steps.size(); i++) {
                Step a = steps.get(i);
                Step b = steps.get(i + 1);
                LearnedPair pair = pair(a, b);
                if (pair == null) {
                    continue;
                }
                reformulated.computeIfAbsent(pair.language().getLanguage() + "|" + pair.from(), k -> new HashSet<>())
                        .add(s.getKey());
                Evidence ev = pairs.computeIfAbsent(pair, k -> new Evidence());
                boolean first = ev.sessions.add(s.getKey());
                if (first) {
                    targets.merge(pair.language().getLanguage() + "|" + pair.to(), 1, Integer::sum);
                    perLanguage.merge(pair.language().getLanguage(), 1, Integer::sum);
                }
                if (first && ev.examples.size() < MAX_EXAMPLES) {
                    ev.examples.add(new ExampleSession(List.of(
                            new ExampleSession.Step(a.query, a.results, a.clicked, 0),
                            new ExampleSession.Step(b.query, b.results, b.clicked,
                                    Duration.between(a.at, b.at).toSeconds()))));
                }
            }
        });
        List<VocabularyCandidate> out = new ArrayList<>();
        pairs.forEach((pair, ev) -> {
            int n = ev.sessions.size();
            if (n < minSessions || decided.test(pair)) {
                return;
            }
            int[] alone = clickRates.get(pair.language().getLanguage() + "|" + pair.from());
            if (alone != null && alone[0] >= MIN_SEARCHES_FOR_CLICK_RATE
                    && alone[1] >= WORKS_CLICK_RATE * alone[0]) {
                return;
            }
            String lang = pair.language().getLanguage();
            int of = reformulated.get(lang + "|" + pair.from()).size();
            double share = (double) n / of;
            // How often the second words are reformulated to from other words: the rate of chance.
            int others = perLanguage.get(lang) - of;
            double baseline = others <= 0 ? 0 : Math.max(0, targets.get(lang + "|" + pair.to()) - n) / (double) others;
            if (share >= MIN_SHARE && surprise(n, of, baseline) >= MIN_SURPRISE) {
                out.add(new VocabularyCandidate(pair, n, share, n * share, ev.examples));
            }
        });
        out.sort(Comparator.comparingDouble(VocabularyCandidate::score).reversed()
                .thenComparing(Comparator.comparingInt(VocabularyCandidate::sessions).reversed())
                .thenComparing(c -> c.pair().toString()));
        return out;
    }

    /**
     * The log-likelihood ratio of {@code k} successes in {@code n} trials against the rate {@code p0}: 0 when
     * {@code k / n} is not above it.
     */
    static double surprise(int k, int n, double p0) {
        if (n == 0 || (double) k / n <= p0) {
            return 0;
        }
        double expected = n * p0;
        if (expected == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double a = k * Math.log(k / expected);
        double b = k == n ? 0 : (n - k) * Math.log((n - k) / (n - expected));
        return 2 * (a + b);
    }

    /**
     * A session's searches in order, each with whether it was clicked (a click belongs to the latest search of its
     * query before it); a search repeated at once (paging, a second press) counts as one.
     */
    private static List<Step> steps(List<AnalyticsEvent> events) {
        List<AnalyticsEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(AnalyticsEvent::at).thenComparing(e -> e.kind() == AnalyticsEvent.Kind.CLICK));
        List<Step> steps = new ArrayList<>();
        for (AnalyticsEvent e : sorted) {
            String q = e.query();
            String lang = e.language();
            if (q == null || lang == null) {
                continue;
            }
            if (e.kind() == AnalyticsEvent.Kind.SEARCH) {
                Step last = steps.isEmpty() ? null : steps.getLast();
                if (last != null && last.query.equals(q) && last.language.equals(lang)) {
                    continue;
                }
                steps.add(new Step(q, lang, e.results(), e.at()));
            } else {
                for (int i = steps.size() - 1; i >= 0; i--) {
                    Step s = steps.get(i);
                    if (s.query.equals(q) && s.language.equals(lang)) {
                        s.clicked = true;
                        break;
                    }
                }
            }
        }
        return steps;
    }

    /** What search {@code a} followed by {@code b} teaches, if anything. */
    private static @Nullable LearnedPair pair(Step a, Step b) {
        if (a.clicked || !a.language.equals(b.language) || a.language.isEmpty()
                || Duration.between(a.at, b.at).compareTo(MAX_GAP) > 0 || !learnable(a.query)
                || !learnable(b.query)) {
            return null;
        }
        String[] x = a.query.split(" ");
        String[] y = b.query.split(" ");
        int head = 0;
        while (head < x.length && head < y.length && x[head].equals(y[head])) {
            head++;
        }
        int tail = 0;
        while (tail < x.length - head && tail < y.length - head
                && x[x.length - 1 - tail].equals(y[y.length - 1 - tail])) {
            tail++;
        }
        String from = String.join(" ", Arrays.copyOfRange(x, head, x.length - tail));
        String to = String.join(" ", Arrays.copyOfRange(y, head, y.length - tail));
        if (from.isEmpty() || to.isEmpty() || x.length - tail - head > Vocabulary.MAX_WORDS
                || y.length - tail - head > Vocabulary.MAX_WORDS || from.length() > Vocabulary.MAX_CHARS
                || to.length() > Vocabulary.MAX_CHARS || hasDigit(from) || hasDigit(to)) {
            return null;
        }
        Locale language = Locale.of(a.language);
        boolean small = Vocabulary.smallEdit(from, to);
        if (small && a.results == 0 && b.results > 0) {
            return LearnedPair.correction(language, from, to);
        }
        if (!small && b.clicked) {
            return LearnedPair.synonym(language, from, to);
        }
        return null;
    }

    /**
     * Whether a logged query may teach anything: not empty, in normalized form, with no masked personal data
     * ({@code <email>}...) and nothing that looks like it (when analytics keeps raw text).
     */
    private static boolean learnable(String query) {
        return !query.isEmpty() && query.indexOf('<') < 0 && !PersonalData.containsAny(query)
                && query.equals(dev.savoir.kb.spi.QueryNormalizer.normalize(query));
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }
}
