package dev.savoir.kb.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A seeded search log of help-center sessions: sessions that reformulate with a true synonym or correction (with
 * Zipf-like frequencies, in several contexts), and noise of every kind the miner must not learn from: single
 * searches, topic switches after a click, random reformulations between unrelated topics, refinements, near
 * duplicates that both found something, order numbers, personal data, a pair made by too few sessions, and a robot
 * repeating one pair.
 */
final class SimulatedSearchLog {
    /** One event: a search (with its result count) or a click on the session's last search of {@code query}. */
    record Event(Instant at, String session, Locale locale, String query, int results, boolean click) {
    }

    /** The true pairs, most frequent first. */
    static final List<LearnedPair> TRUE_PAIRS = List.of(
            LearnedPair.synonym(Locale.ENGLISH, "bill", "invoice"),
            LearnedPair.correction(Locale.ENGLISH, "pasword", "password"),
            LearnedPair.synonym(Locale.ENGLISH, "money back", "refund"),
            LearnedPair.correction(Locale.ENGLISH, "adress", "address"),
            LearnedPair.synonym(Locale.ENGLISH, "cell phone", "mobile"),
            LearnedPair.correction(Locale.ENGLISH, "shiping", "shipping"),
            LearnedPair.synonym(Locale.ENGLISH, "parcel", "package"),
            LearnedPair.correction(Locale.ENGLISH, "recieve", "receive"),
            LearnedPair.synonym(Locale.FRENCH, "colis", "paquet"),
            LearnedPair.correction(Locale.ENGLISH, "acount", "account"),
            LearnedPair.synonym(Locale.ENGLISH, "wifi", "wireless"),
            LearnedPair.correction(Locale.FRENCH, "facure", "facture"));

    /** A pair only two sessions make: below the minimum of 3 distinct sessions. */
    static final LearnedPair TOO_FEW = LearnedPair.synonym(Locale.ENGLISH, "voucher", "coupon");
    /** A pair one robot session makes 300 times. */
    static final LearnedPair ROBOT = LearnedPair.synonym(Locale.ENGLISH, "crawl", "sitemap");

    private static final List<String> CONTEXTS = List.of("%s", "%s", "my %s", "where is my %s", "%s help",
            "change %s", "problem with %s");
    private static final List<String> TOPICS = List.of("reset password", "change address", "track order",
            "cancel subscription", "delete account", "update card", "contact support", "return policy",
            "gift card", "late delivery", "damaged item", "change plan", "export data", "two factor",
            "api key", "printer setup", "dark mode", "language settings", "team members", "storage limit",
            "privacy policy", "student discount", "pause subscription", "transfer ownership", "mobile app",
            "sync calendar", "email notifications", "invoice download", "tax exemption", "bulk import",
            "custom domain", "audit log", "single sign on", "webhooks", "rate limits", "backup restore",
            "merge accounts", "referral bonus", "holiday hours", "accessibility");

    private final Random random;
    private final Instant start;
    private final List<Event> events = new ArrayList<>();
    private int sessions;

    SimulatedSearchLog(long seed, Instant start) {
        this.random = new Random(seed);
        this.start = start;
    }

    /** Generates the log: {@code n} sessions of mixed kinds over 30 days, then the fixed noise. */
    List<Event> generate(int n) {
        for (int i = 0; i < n; i++) {
            double r = random.nextDouble();
            if (r < 0.35) {
                truePair();
            } else if (r < 0.55) {
                single();
            } else if (r < 0.70) {
                switchAfterClick();
            } else if (r < 0.85) {
                randomReformulation();
            } else if (r < 0.90) {
                refinement();
            } else if (r < 0.94) {
                nearDuplicate();
            } else if (r < 0.97) {
                orderNumber();
            } else {
                personalData();
            }
        }
        for (int i = 0; i < 2; i++) {
            Session s = session(Locale.ENGLISH);
            s.search(TOO_FEW.from(), 0, false);
            s.search(TOO_FEW.to(), 4, true);
        }
        Session robot = session(Locale.ENGLISH);
        for (int i = 0; i < 300; i++) {
            robot.search(ROBOT.from(), 0, false);
            robot.search(ROBOT.to(), 2, true);
        }
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    int sessions() {
        return sessions;
    }

    /** Every pair the log holds that the miner must never propose (the true pairs aside, nothing should be). */
    static Set<LearnedPair> fixedNoise() {
        return Set.of(TOO_FEW, ROBOT, LearnedPair.synonym(Locale.ENGLISH, "reset password", "contact support"),
                LearnedPair.correction(Locale.ENGLISH, "invoices", "invoice"),
                LearnedPair.synonym(Locale.ENGLISH, "invoices", "invoice"));
    }

    private void truePair() {
        // Geometric frequencies: the first pair is about 40 times as frequent as the last (a few sessions)
        int k = 0;
        while (k < TRUE_PAIRS.size() - 1 && random.nextDouble() < 0.7) {
            k++;
        }
        LearnedPair p = TRUE_PAIRS.get(k);
        Session s = session(p.language());
        String context = p.from().contains(" ") ? "%s" : CONTEXTS.get(random.nextInt(CONTEXTS.size()));
        boolean correction = p.kind() == PairKind.CORRECTION;
        s.search(context.formatted(p.from()), correction ? 0 : random.nextInt(3), false);
        if (random.nextDouble() < 0.15) {
            // gave up differently: another topic altogether
            s.search(topic(), 3, random.nextBoolean());
            return;
        }
        s.search(context.formatted(p.to()), 2 + random.nextInt(8), correction ? random.nextDouble() < 0.6
                : random.nextDouble() < 0.9);
    }

    private void single() {
        Session s = session(Locale.ENGLISH);
        s.search(topic(), 1 + random.nextInt(5), random.nextDouble() < 0.7);
    }

    /** Found and clicked one thing, then asked about another: a topic switch, not a reformulation. */
    private void switchAfterClick() {
        Session s = session(Locale.ENGLISH);
        if (random.nextBoolean()) {
            s.search("reset password", 3, true);
            s.search("contact support", 2, true);
        } else {
            s.search(topic(), 3, true);
            s.search(topic(), 2, true);
        }
    }

    /** Gave up on one topic and searched an unrelated one: random pairs, spread thin. */
    private void randomReformulation() {
        Session s = session(Locale.ENGLISH);
        String a = topic();
        String b = topic();
        s.search(a, random.nextInt(3), false);
        s.search(b.equals(a) ? b + " guide" : b, 3, true);
    }

    private void refinement() {
        Session s = session(Locale.ENGLISH);
        String t = topic();
        s.search(t, 12, false);
        s.search(t + " " + List.of("pdf", "guide", "mobile", "steps").get(random.nextInt(4)), 3, true);
    }

    /** A plural that found something too: not a typo (the first search did not fail). */
    private void nearDuplicate() {
        Session s = session(Locale.ENGLISH);
        s.search("invoices", 5, false);
        s.search("invoice", 5, true);
    }

    private void orderNumber() {
        Session s = session(Locale.ENGLISH);
        int n = 4000 + random.nextInt(20);
        s.search("order " + n, 0, false);
        s.search("order " + (n + 1), 1, true);
    }

    /** Customers typing their e-mail address: masked in the log, never learned from. */
    private void personalData() {
        Session s = session(Locale.ENGLISH);
        s.search("invoice for jane.doe" + random.nextInt(3) + "@example.com", 0, false);
        s.search("invoice", 4, true);
        Session t = session(Locale.ENGLISH);
        t.search("card 4111 1111 1111 1111", 0, false);
        t.search("update card", 2, true);
    }

    private String topic() {
        return TOPICS.get(random.nextInt(TOPICS.size()));
    }

    private Session session(Locale locale) {
        sessions++;
        return new Session("s" + sessions, locale,
                start.plusSeconds(random.nextInt((int) Duration.ofDays(30).toSeconds())));
    }

    /** One session: searches a few seconds apart, each clicked or not. */
    private final class Session {
        final String id;
        final Locale locale;
        Instant at;

        Session(String id, Locale locale, Instant at) {
            this.id = id;
            this.locale = locale;
            this.at = at;
        }

        void search(String query, int results, boolean click) {
            events.add(new Event(at, id, locale, query, results, false));
            at = at.plusSeconds(3 + random.nextInt(20));
            if (click && results > 0) {
                events.add(new Event(at, id, locale, query, results, true));
                at = at.plusSeconds(20 + random.nextInt(60));
            }
        }
    }
}
