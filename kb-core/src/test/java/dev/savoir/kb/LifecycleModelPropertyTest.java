package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of operations (some based on stale revisions, some invalid in the current state) run against
 * the knowledge base and against a small model of the rules; after every step the outcome (success or the typed
 * error) must agree, and at the end the store's history, states and what readers see must equal the model's.
 */
class LifecycleModelPropertyTest {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH);
    static final int ARTICLES = 3;

    enum Kind { CREATE, EDIT, ADD_TRANSLATION, SUBMIT, APPROVE, REQUEST_CHANGES, PUBLISH, UNPUBLISH, ARCHIVE,
        RESTORE_ARCHIVE, RESTORE_REVISION, REOPEN }

    record Op(Kind kind, int article, int locale, boolean stale, int seed) {
    }

    /** The model of one translation. */
    static final class MT {
        final List<String> bodies = new ArrayList<>();
        TranslationState state = TranslationState.DRAFT;
        Integer published;
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0,
                ARTICLES - 1), Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 9)
                .map(i -> i == 0), Arbitraries.integers().between(0, 1000)).as(Op::new);
        return op.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 60)
    void inMemory_historyAndStatesAgreeWithModel(@ForAll("ops") List<Op> ops) {
        run(ops, null);
    }

    @Property(tries = 20)
    void fileStore_withReopens_historyAndStatesAgreeWithModel(@ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("savoir-model");
        try {
            run(ops, dir);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static KnowledgeBase open(Path dir) {
        var b = KnowledgeBase.builder().clock(new MutableClock(Instant.parse("2026-05-01T00:00:00Z")))
                .schedulerInterval(Duration.ZERO);
        return (dir == null ? b.inMemory() : b.directory(dir)).build();
    }

    private void run(List<Op> ops, Path dir) {
        Map<Integer, Map<Locale, MT>> model = new HashMap<>();
        KnowledgeBase kb = open(dir);
        try {
            for (Op op : ops) {
                if (op.kind() == Kind.REOPEN) {
                    if (dir != null) {
                        kb.close();
                        kb = open(dir);
                    }
                    continue;
                }
                Class<? extends KbException> expected = expectedError(model, op);
                Class<? extends KbException> actual = null;
                try {
                    apply(kb, op);
                } catch (KbException e) {
                    actual = e.getClass();
                }
                assertThat(actual).as("outcome of %s with model %s", op, describe(model)).isEqualTo(expected);
                if (expected == null) {
                    applyToModel(model, op);
                }
            }
            check(kb, model);
        } finally {
            kb.close();
        }
    }

    private static String id(int n) {
        return "art-" + n;
    }

    private static String body(Op op) {
        return "Body " + op.seed() + " of " + op.kind();
    }

    private static int basis(MT t, Op op) {
        int latest = t == null ? 1 : t.bodies.size();
        return op.stale() ? Math.max(0, latest - 1) : latest;
    }

    private static void apply(KnowledgeBase kb, Op op) {
        ArticleId id = ArticleId.of(id(op.article()));
        Locale locale = LOCALES.get(op.locale());
        int latest = 1;
        try {
            latest = kb.article(ADMIN, id).translation(locale).map(Translation::latestRevision).orElse(1);
        } catch (ArticleNotFoundException ignored) {
            // the operation will report it
        }
        int basedOn = op.stale() ? Math.max(0, latest - 1) : latest;
        switch (op.kind()) {
            case CREATE -> kb.create(ADMIN, NewArticle.builder(id.value()).category("Model").locale(Locale.ENGLISH)
                    .visibility(Visibility.PUBLIC).title("T " + op.seed()).body(body(op)).build());
            case EDIT -> kb.edit(ADMIN, id, locale, basedOn, ArticleContent.of("T", body(op)), "");
            case ADD_TRANSLATION -> kb.addTranslation(ADMIN, id, locale, ArticleContent.of("T", body(op)), 1, "");
            case SUBMIT -> kb.submitForReview(ADMIN, id, locale, basedOn);
            case APPROVE -> kb.approve(ADMIN, id, locale, basedOn);
            case REQUEST_CHANGES -> kb.requestChanges(ADMIN, id, locale, basedOn, "fix");
            case PUBLISH -> kb.publish(ADMIN, id, locale, basedOn);
            case UNPUBLISH -> kb.unpublish(ADMIN, id, locale);
            case ARCHIVE -> kb.archive(ADMIN, id, locale);
            case RESTORE_ARCHIVE -> kb.restoreFromArchive(ADMIN, id, locale);
            case RESTORE_REVISION -> kb.restoreRevision(ADMIN, id, locale, 1, basedOn, "restore");
            case REOPEN -> throw new IllegalStateException();
        }
    }

    /** What the rules say this operation must fail with, or null if it must succeed. */
    private static Class<? extends KbException> expectedError(Map<Integer, Map<Locale, MT>> model, Op op) {
        Map<Locale, MT> article = model.get(op.article());
        Locale locale = LOCALES.get(op.locale());
        if (op.kind() == Kind.CREATE) {
            return article == null ? null : DuplicateArticleException.class;
        }
        if (article == null) {
            return ArticleNotFoundException.class;
        }
        MT t = article.get(locale);
        if (op.kind() == Kind.ADD_TRANSLATION) {
            if (t != null) {
                return DuplicateArticleException.class;
            }
            return locale.equals(Locale.ENGLISH) ? ValidationException.class : null;
        }
        if (t == null) {
            return TranslationNotFoundException.class;
        }
        boolean basisUsed = switch (op.kind()) {
            case EDIT, SUBMIT, APPROVE, REQUEST_CHANGES, PUBLISH, RESTORE_REVISION -> true;
            default -> false;
        };
        if (basisUsed && basis(t, op) != t.bodies.size()) {
            return RevisionConflictException.class;
        }
        boolean ok = switch (op.kind()) {
            case EDIT, RESTORE_REVISION -> t.state != TranslationState.ARCHIVED;
            case SUBMIT -> t.state == TranslationState.DRAFT;
            case APPROVE, REQUEST_CHANGES -> t.state == TranslationState.IN_REVIEW;
            case PUBLISH -> t.state == TranslationState.APPROVED;
            case UNPUBLISH -> t.published != null;
            case ARCHIVE -> t.state != TranslationState.ARCHIVED;
            case RESTORE_ARCHIVE -> t.state == TranslationState.ARCHIVED;
            default -> throw new IllegalStateException(op.toString());
        };
        return ok ? null : InvalidTransitionException.class;
    }

    private static void applyToModel(Map<Integer, Map<Locale, MT>> model, Op op) {
        Locale locale = LOCALES.get(op.locale());
        switch (op.kind()) {
            case CREATE -> {
                MT t = new MT();
                t.bodies.add(body(op));
                Map<Locale, MT> m = new HashMap<>();
                m.put(Locale.ENGLISH, t);
                model.put(op.article(), m);
            }
            case ADD_TRANSLATION -> {
                MT t = new MT();
                t.bodies.add(body(op));
                model.get(op.article()).put(locale, t);
            }
            default -> {
                MT t = model.get(op.article()).get(locale);
                switch (op.kind()) {
                    case EDIT -> {
                        t.bodies.add(body(op));
                        t.state = TranslationState.DRAFT;
                    }
                    case RESTORE_REVISION -> {
                        t.bodies.add(t.bodies.getFirst());
                        t.state = TranslationState.DRAFT;
                    }
                    case SUBMIT -> t.state = TranslationState.IN_REVIEW;
                    case APPROVE -> t.state = TranslationState.APPROVED;
                    case REQUEST_CHANGES -> t.state = TranslationState.DRAFT;
                    case PUBLISH -> {
                        t.state = TranslationState.PUBLISHED;
                        t.published = t.bodies.size();
                    }
                    case UNPUBLISH -> {
                        if (t.state == TranslationState.PUBLISHED) {
                            t.state = TranslationState.DRAFT;
                        }
                        t.published = null;
                    }
                    case ARCHIVE -> {
                        t.state = TranslationState.ARCHIVED;
                        t.published = null;
                    }
                    case RESTORE_ARCHIVE -> t.state = TranslationState.DRAFT;
                    default -> throw new IllegalStateException(op.toString());
                }
            }
        }
    }

    private static void check(KnowledgeBase kb, Map<Integer, Map<Locale, MT>> model) {
        assertThat(kb.size()).isEqualTo(model.size());
        for (var e : model.entrySet()) {
            ArticleId id = ArticleId.of(id(e.getKey()));
            Article a = kb.article(ADMIN, id);
            assertThat(a.translations().keySet()).isEqualTo(e.getValue().keySet());
            for (var te : e.getValue().entrySet()) {
                MT t = te.getValue();
                Translation actual = a.translations().get(te.getKey());
                assertThat(kb.history(ADMIN, id, te.getKey())).extracting(r -> r.content().body())
                        .isEqualTo(t.bodies);
                assertThat(actual.state()).isEqualTo(t.state);
                assertThat(actual.publishedRevision()).isEqualTo(t.published);
                var view = kb.read(ViewerContext.external(te.getKey()), id);
                if (t.published != null) {
                    assertThat(view).isPresent();
                    assertThat(view.get().locale()).isEqualTo(te.getKey());
                    assertThat(view.get().content().body()).isEqualTo(t.bodies.get(t.published - 1));
                }
            }
            long events = kb.auditTrail(ADMIN, id).size();
            assertThat(events).isGreaterThanOrEqualTo(e.getValue().values().stream()
                    .mapToLong(t -> t.bodies.size()).sum());
        }
    }

    private static String describe(Map<Integer, Map<Locale, MT>> model) {
        StringBuilder sb = new StringBuilder();
        model.forEach((k, v) -> v.forEach((l, t) -> sb.append(id(k)).append('[').append(l).append("]=")
                .append(t.state).append('/').append(t.bodies.size()).append('/').append(t.published).append(' ')));
        return sb.toString();
    }
}
