package dev.savoir.kb.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.LearningPathNotFoundException;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.MarkdownFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningPathsTest {
    static final Locale EN = Locale.ENGLISH;
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final Actor MANAGER = Actor.of("maya", Role.PUBLISHER);
    static final Actor ANN = Actor.of("ann", Role.AGENT);
    static final Actor BOB = Actor.of("bob", Role.AGENT);
    static final ArticleId REFUNDS = ArticleId.of("refunds");
    static final ArticleId ESCALATION = ArticleId.of("escalation");
    static final ArticleId DRAFT = ArticleId.of("draft-only");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));

    KnowledgeBase open() {
        return KnowledgeBase.builder().directory(dir).clock(clock).requireReview(false)
                .schedulerInterval(Duration.ZERO).build();
    }

    KnowledgeBase seeded() {
        KnowledgeBase kb = open();
        for (ArticleId id : List.of(REFUNDS, ESCALATION)) {
            kb.create(ADMIN, NewArticle.builder(id.value()).category("Support").visibility(Visibility.INTERNAL)
                    .title("About " + id).body("Version one of " + id).build());
            kb.publish(ADMIN, id, EN, 1);
        }
        kb.create(ADMIN, NewArticle.builder(DRAFT.value()).category("Support").title("Soon").body("Soon").build());
        kb.learningPaths().save(MANAGER, new LearningPath("onboarding", "New agents", EN,
                List.of(REFUNDS, ESCALATION, DRAFT), Set.of(Role.AGENT), Set.of("emea")));
        kb.learningPaths().saveTeam(MANAGER, new Team("emea", Set.of("ann", "carl")));
        return kb;
    }

    /** Edits and publishes a new revision of {@code id}, minor or not; returns its number. */
    static int republish(KnowledgeBase kb, ArticleId id, boolean minor, String body) {
        int latest = kb.article(ADMIN, id).translations().get(EN).latestRevision();
        Revision r = kb.edit(ADMIN, id, EN, latest, ArticleContent.of("About " + id, body), "change", minor);
        kb.publish(ADMIN, id, EN, r.number());
        return r.number();
    }

    static ReadState state(KnowledgeBase kb, Actor learner, ArticleId id) {
        return kb.learningPaths().assignments(learner).getFirst().items().stream()
                .filter(i -> i.articleId().equals(id)).findFirst().orElseThrow().state();
    }

    @Test
    void acknowledgement_staysThroughMinorRevisions_andLapsesOnAMaterialOne() {
        try (KnowledgeBase kb = seeded()) {
            assertThat(kb.learningPaths().assignments(ANN).getFirst().toRead()).containsExactly(REFUNDS, ESCALATION);
            kb.learningPaths().acknowledge(ANN, REFUNDS, EN, 1);
            assertThat(state(kb, ANN, REFUNDS)).isEqualTo(ReadState.UP_TO_DATE);
            assertThat(state(kb, ANN, DRAFT)).isEqualTo(ReadState.NOT_PUBLISHED);

            republish(kb, REFUNDS, true, "Version one of refunds, typo fixed");
            assertThat(state(kb, ANN, REFUNDS)).as("a minor revision").isEqualTo(ReadState.UP_TO_DATE);

            int material = republish(kb, REFUNDS, false, "Refunds now take 14 days");
            assertThat(state(kb, ANN, REFUNDS)).isEqualTo(ReadState.LAPSED);
            assertThat(kb.learningPaths().assignments(ANN).getFirst().toRead()).containsExactly(REFUNDS, ESCALATION);

            kb.learningPaths().acknowledge(ANN, REFUNDS, EN, material);
            assertThat(state(kb, ANN, REFUNDS)).isEqualTo(ReadState.UP_TO_DATE);
        }
    }

    @Test
    void aMaterialDraftFollowedByAMinorOne_stillLapsesWhenPublished() {
        try (KnowledgeBase kb = seeded()) {
            kb.learningPaths().acknowledge(ANN, REFUNDS, EN, 1);
            kb.edit(ADMIN, REFUNDS, EN, 1, ArticleContent.of("About refunds", "New policy"), "policy", false);
            republish(kb, REFUNDS, true, "New policy, typo fixed");
            assertThat(state(kb, ANN, REFUNDS)).isEqualTo(ReadState.LAPSED);
        }
    }

    @Test
    void reports_whoIsUpToDate_completionPerPathAndTeam() {
        try (KnowledgeBase kb = seeded()) {
            kb.learningPaths().acknowledge(ANN, REFUNDS, EN, 1);
            kb.learningPaths().acknowledge(ANN, ESCALATION, EN, 1);
            kb.learningPaths().acknowledge(BOB, REFUNDS, EN, 1);
            // Learners: ann and carl (team emea), bob (acknowledged one of its articles). Draft-only does not count.
            List<LearnerProgress> progress = kb.learningPaths().progress("onboarding");
            assertThat(progress).extracting(LearnerProgress::learner).containsExactly("ann", "bob", "carl");
            assertThat(progress).extracting(LearnerProgress::percent).containsExactly(100.0, 50.0, 0.0);
            assertThat(kb.learningPaths().completionByPath()).containsExactly(
                    new PathCompletion("onboarding", "New agents", 3, 1, 50.0));
            assertThat(kb.learningPaths().completionByTeam()).containsExactly(new TeamCompletion("emea", 2, 1, 50.0));

            republish(kb, ESCALATION, false, "New escalation matrix");
            assertThat(kb.learningPaths().completionByPath().getFirst().complete()).isZero();
            assertThat(kb.learningPaths().progress("onboarding").getFirst().items().get(1))
                    .isEqualTo(new ItemProgress(ESCALATION, 2, 1, ReadState.LAPSED));
        }
    }

    @Test
    void pathsTeamsAndAcknowledgements_surviveReopen_andMinorFlagsToo() {
        try (KnowledgeBase kb = seeded()) {
            kb.learningPaths().acknowledge(ANN, REFUNDS, EN, 1);
            republish(kb, REFUNDS, true, "typo fixed");
        }
        try (KnowledgeBase kb = open()) {
            assertThat(kb.learningPaths().path("onboarding").articles()).containsExactly(REFUNDS, ESCALATION, DRAFT);
            assertThat(kb.learningPaths().teams()).containsExactly(new Team("emea", Set.of("ann", "carl")));
            assertThat(kb.history(ADMIN, REFUNDS, EN)).extracting(Revision::minor).containsExactly(false, true);
            assertThat(state(kb, ANN, REFUNDS)).isEqualTo(ReadState.UP_TO_DATE);
            ArticleArchive archive = kb.exportArchive(ADMIN, REFUNDS);
            assertThat(archive.revisions().get(EN)).extracting(Revision::minor).containsExactly(false, true);
        }
    }

    @Test
    void minorMarks_surviveAMarkdownExportAndImport(@TempDir Path export) {
        try (KnowledgeBase kb = seeded()) {
            republish(kb, REFUNDS, true, "typo fixed");
            republish(kb, REFUNDS, false, "new policy");
            MarkdownFormat.create().exportFolder(kb, ADMIN, export);
        }
        try (KnowledgeBase other = KnowledgeBase.builder().inMemory().build()) {
            MarkdownFormat.create().importFolder(other, ADMIN, export, ImportOptions.defaults());
            assertThat(other.history(ADMIN, REFUNDS, EN)).extracting(Revision::minor)
                    .containsExactly(false, true, false);
        }
    }

    @Test
    void badCalls_getTypedErrors() {
        try (KnowledgeBase kb = seeded()) {
            assertThatThrownBy(() -> kb.learningPaths().acknowledge(ANN, REFUNDS, EN, 2))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("published 1");
            assertThatThrownBy(() -> kb.learningPaths().acknowledge(ANN, DRAFT, EN, 1))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no published");
            assertThatThrownBy(() -> kb.learningPaths().save(ANN, new LearningPath("x", "X", EN, List.of(REFUNDS),
                    Set.of(), Set.of()))).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.learningPaths().save(MANAGER, new LearningPath("x", "X", EN,
                    List.of(ArticleId.of("missing")), Set.of(), Set.of()))).isInstanceOf(ArticleNotFoundException.class);
            assertThatThrownBy(() -> new LearningPath("x", "X", EN, List.of(REFUNDS, REFUNDS), Set.of(), Set.of()))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> new LearningPath("bad id!", "X", EN, List.of(REFUNDS), Set.of(), Set.of()))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> kb.learningPaths().delete(MANAGER, "nope"))
                    .isInstanceOf(LearningPathNotFoundException.class);
            assertThatThrownBy(() -> kb.learningPaths().path("nope")).isInstanceOf(LearningPathNotFoundException.class);
            assertThatThrownBy(() -> kb.learningPaths().acknowledge(Actor.of("guest"), REFUNDS, EN, 1))
                    .isInstanceOf(PermissionDeniedException.class);
            kb.learningPaths().delete(MANAGER, "onboarding");
            assertThat(kb.learningPaths().paths()).isEmpty();
            assertThat(kb.learningPaths().assignments(ANN)).isEmpty();
        }
    }
}
