package dev.savoir.kb;

import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.reports.OutdatedTranslation;
import dev.savoir.kb.reports.ReviewDue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseLifecycleTest {
    static final Locale EN = Locale.ENGLISH;
    static final Locale FR = Locale.FRENCH;
    static final Actor ALICE = Actor.of("alice", Role.AUTHOR);
    static final Actor BOB = Actor.of("bob", Role.REVIEWER, Role.PUBLISHER);
    static final Actor CAROL = Actor.of("carol", Role.REVIEWER);
    static final ViewerContext CUSTOMER = ViewerContext.external(EN);
    static final ViewerContext AGENT = ViewerContext.internal(EN);

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    KnowledgeBase kb;
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        kb = KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO).build();
        kb.addListener(events::add);
    }

    @AfterEach
    void close() {
        kb.close();
    }

    Article createPublic(String id, String title, String body) {
        return kb.create(ALICE, NewArticle.builder(id).category("Account > Password").visibility(Visibility.PUBLIC)
                .title(title).body(body).build());
    }

    void publishReviewed(String id, Locale locale, int revision) {
        kb.submitForReview(ALICE, ArticleId.of(id), locale, revision);
        kb.approve(BOB, ArticleId.of(id), locale, revision);
        kb.publish(BOB, ArticleId.of(id), locale, revision);
    }

    @Test
    void fullWorkflow_createReviewPublish_readersSeePublishedRevision() {
        Article a = createPublic("reset-password", "Reset your password", "Open **Settings**.");
        assertThat(a.source().state()).isEqualTo(TranslationState.DRAFT);
        assertThat(kb.read(CUSTOMER, a.id())).isEmpty();

        assertThat(kb.submitForReview(ALICE, a.id(), EN, 1).state()).isEqualTo(TranslationState.IN_REVIEW);
        assertThat(kb.approve(BOB, a.id(), EN, 1).state()).isEqualTo(TranslationState.APPROVED);
        Translation t = kb.publish(BOB, a.id(), EN, 1);
        assertThat(t.state()).isEqualTo(TranslationState.PUBLISHED);
        assertThat(t.publishedRevision()).isEqualTo(1);

        ArticleView view = kb.read(CUSTOMER, a.id()).orElseThrow();
        assertThat(view.content().title()).isEqualTo("Reset your password");
        assertThat(view.revision()).isEqualTo(1);
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.CREATED,
                AuditAction.SUBMITTED, AuditAction.APPROVED, AuditAction.PUBLISHED);
        AuditEvent published = events.getLast();
        assertThat(published.actor()).isEqualTo("bob");
        assertThat(published.fromState()).isEqualTo(TranslationState.APPROVED);
        assertThat(published.toState()).isEqualTo(TranslationState.PUBLISHED);
        assertThat(kb.auditTrail(BOB, a.id())).isEqualTo(events);
    }

    @Test
    void editOfPublished_readersKeepPublishedUntilDraftIsPublished() {
        createPublic("a", "Old title", "Old body");
        publishReviewed("a", EN, 1);
        Revision r2 = kb.edit(ALICE, ArticleId.of("a"), EN, 1, ArticleContent.of("New title", "New body"), "rewrite");
        assertThat(r2.number()).isEqualTo(2);
        Article a = kb.article(ALICE, ArticleId.of("a"));
        assertThat(a.source().state()).isEqualTo(TranslationState.DRAFT);
        assertThat(a.source().hasPendingDraft()).isTrue();
        assertThat(kb.read(CUSTOMER, a.id()).orElseThrow().content().title()).isEqualTo("Old title");

        publishReviewed("a", EN, 2);
        assertThat(kb.read(CUSTOMER, a.id()).orElseThrow().content().title()).isEqualTo("New title");
    }

    @Test
    void staleRevision_failsWithTypedConflictNamingCurrentRevision() {
        createPublic("a", "T", "B");
        kb.edit(ALICE, ArticleId.of("a"), EN, 1, ArticleContent.of("T", "by alice"), "");
        assertThatThrownBy(() -> kb.edit(BOB, ArticleId.of("a"), EN, 1, ArticleContent.of("T", "by bob"), ""))
                .isInstanceOfSatisfying(RevisionConflictException.class, e -> {
                    assertThat(e.currentRevision()).isEqualTo(2);
                    assertThat(e.basedOnRevision()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("current revision is 2");
                });
        assertThat(kb.history(ALICE, ArticleId.of("a"), EN)).extracting(r -> r.content().body())
                .containsExactly("B", "by alice");
        assertThatThrownBy(() -> kb.submitForReview(ALICE, ArticleId.of("a"), EN, 1))
                .isInstanceOf(RevisionConflictException.class);
    }

    @Test
    void invalidTransitions_areTypedAndSayWhatToDo() {
        Article a = createPublic("a", "T", "B");
        assertThatThrownBy(() -> kb.approve(BOB, a.id(), EN, 1))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(TranslationState.DRAFT);
                    assertThat(e.action()).isEqualTo(Action.APPROVE);
                    assertThat(e.getMessage()).contains("submit it for review first");
                });
        assertThatThrownBy(() -> kb.publish(BOB, a.id(), EN, 1)).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("requires review");
        assertThatThrownBy(() -> kb.unpublish(BOB, a.id(), EN)).isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> kb.restoreFromArchive(BOB, a.id(), EN))
                .isInstanceOf(InvalidTransitionException.class);
        kb.archive(BOB, a.id(), EN);
        assertThatThrownBy(() -> kb.edit(ALICE, a.id(), EN, 1, ArticleContent.of("x", "y"), ""))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("restore it from the archive");
    }

    @Test
    void requestChanges_sendsBackToDraftWithComment() {
        Article a = createPublic("a", "T", "B");
        kb.submitForReview(ALICE, a.id(), EN, 1);
        Translation t = kb.requestChanges(CAROL, a.id(), EN, 1, "Add a screenshot of the settings page");
        assertThat(t.state()).isEqualTo(TranslationState.DRAFT);
        assertThat(events.getLast().detail()).isEqualTo("Add a screenshot of the settings page");
    }

    @Test
    void permissionPolicy_refusesAuthorPublishing_andReaderEditing() {
        Article a = createPublic("a", "T", "B");
        kb.submitForReview(ALICE, a.id(), EN, 1);
        assertThatThrownBy(() -> kb.approve(ALICE, a.id(), EN, 1))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.actorId()).isEqualTo("alice");
                    assertThat(e.action()).isEqualTo(Action.APPROVE);
                });
        Actor nobody = Actor.of("visitor");
        assertThatThrownBy(() -> kb.create(nobody, NewArticle.builder("b").category("X").build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> kb.history(nobody, a.id(), EN)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void distinctReviewerOption_refusesSelfApproval() {
        kb.close();
        kb = KnowledgeBase.builder().inMemory().clock(clock).requireDistinctReviewer(true)
                .schedulerInterval(Duration.ZERO).build();
        Actor both = Actor.of("dana", Role.AUTHOR, Role.REVIEWER);
        Article a = kb.create(both, NewArticle.builder("a").category("X").title("T").body("B").build());
        kb.submitForReview(both, a.id(), EN, 1);
        assertThatThrownBy(() -> kb.approve(both, a.id(), EN, 1)).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("differ from the author");
        assertThat(kb.approve(CAROL, a.id(), EN, 1).state()).isEqualTo(TranslationState.APPROVED);
    }

    @Test
    void publishGate_listsEveryViolation() {
        kb.close();
        EditorialRule noLorem = c -> c.content().body().contains("lorem")
                ? List.of(new Violation("body", "placeholder text")) : List.of();
        kb = KnowledgeBase.builder().inMemory().clock(clock).editorialRule(noLorem).schedulerInterval(Duration.ZERO)
                .build();
        Article a = kb.create(ALICE, NewArticle.builder("a").category("X").visibility(Visibility.PUBLIC)
                .title("").body("lorem ipsum, see [this](kb:missing-article) and [that](kb:bad%20id)").build());
        kb.submitForReview(ALICE, a.id(), EN, 1);
        kb.approve(BOB, a.id(), EN, 1);
        assertThatThrownBy(() -> kb.publish(BOB, a.id(), EN, 1))
                .isInstanceOfSatisfying(EditorialRulesException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("title", "links", "links", "body"));
        assertThat(kb.article(BOB, a.id()).source().state()).isEqualTo(TranslationState.APPROVED);
    }

    @Test
    void publishGate_publicArticleLinkingToInternalOne_isRefused() {
        Article internal = kb.create(ALICE, NewArticle.builder("agent-procedure").category("X").title("Refund script")
                .body("Internal steps").build());
        publishReviewed("agent-procedure", EN, 1);
        createPublic("public-faq", "Refunds", "Ask an agent, who follows [the procedure](kb:agent-procedure).");
        kb.submitForReview(ALICE, ArticleId.of("public-faq"), EN, 1);
        kb.approve(BOB, ArticleId.of("public-faq"), EN, 1);
        assertThatThrownBy(() -> kb.publish(BOB, ArticleId.of("public-faq"), EN, 1))
                .isInstanceOf(EditorialRulesException.class)
                .hasMessageContaining("kb:agent-procedure is visible to internal viewers only");
        assertThat(internal.visibility()).isEqualTo(Visibility.INTERNAL);
    }

    @Test
    void scheduledPublish_goesLiveWhenClockPassesTime() {
        Article a = createPublic("a", "T", "B");
        kb.submitForReview(ALICE, a.id(), EN, 1);
        kb.approve(BOB, a.id(), EN, 1);
        Instant at = clock.instant().plus(Duration.ofHours(2));
        assertThat(kb.schedulePublish(BOB, a.id(), EN, 1, at).state()).isEqualTo(TranslationState.SCHEDULED);
        assertThat(kb.processScheduled()).isZero();
        assertThat(kb.read(CUSTOMER, a.id())).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(kb.processScheduled()).isEqualTo(1);
        assertThat(kb.read(CUSTOMER, a.id())).isPresent();
        assertThat(events.getLast().actor()).isEqualTo("system");
        assertThatThrownBy(() -> kb.schedulePublish(BOB, a.id(), EN, 1, clock.instant().minusSeconds(1)))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void scheduledPublish_inThePast_isValidationError() {
        Article a = createPublic("a", "T", "B");
        kb.submitForReview(ALICE, a.id(), EN, 1);
        kb.approve(BOB, a.id(), EN, 1);
        assertThatThrownBy(() -> kb.schedulePublish(BOB, a.id(), EN, 1, clock.instant()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("publish now instead");
    }

    @Test
    void editWhileScheduled_cancelsTheSchedule() {
        Article a = createPublic("a", "T", "B");
        kb.submitForReview(ALICE, a.id(), EN, 1);
        kb.approve(BOB, a.id(), EN, 1);
        kb.schedulePublish(BOB, a.id(), EN, 1, clock.instant().plusSeconds(60));
        kb.edit(ALICE, a.id(), EN, 1, ArticleContent.of("T2", "B2"), "late fix");
        clock.advance(Duration.ofMinutes(5));
        assertThat(kb.processScheduled()).isZero();
        assertThat(kb.read(CUSTOMER, a.id())).isEmpty();
    }

    @Test
    void scheduledArchive_hidesArticleAtTime() {
        createPublic("a", "T", "B");
        publishReviewed("a", EN, 1);
        kb.scheduleArchive(BOB, ArticleId.of("a"), EN, clock.instant().plus(Duration.ofDays(1)));
        clock.advance(Duration.ofDays(1));
        kb.processScheduled();
        assertThat(kb.read(CUSTOMER, ArticleId.of("a"))).isEmpty();
        assertThat(kb.article(BOB, ArticleId.of("a")).source().state()).isEqualTo(TranslationState.ARCHIVED);
        kb.restoreFromArchive(BOB, ArticleId.of("a"), EN);
        publishReviewed("a", EN, 1);
        assertThat(kb.read(CUSTOMER, ArticleId.of("a"))).isPresent();
    }

    @Test
    void unpublish_hidesFromReaders() {
        createPublic("a", "T", "B");
        publishReviewed("a", EN, 1);
        kb.unpublish(BOB, ArticleId.of("a"), EN);
        assertThat(kb.read(CUSTOMER, ArticleId.of("a"))).isEmpty();
        assertThat(kb.article(BOB, ArticleId.of("a")).source().state()).isEqualTo(TranslationState.DRAFT);
    }

    @Test
    void restoreRevision_appendsNewRevisionWithOldContent_andDiffShowsChanges() {
        Article a = createPublic("a", "Title one", "line 1\nline 2\nline 3");
        kb.edit(ALICE, a.id(), EN, 1, ArticleContent.of("Title two", "line 1\nline two\nline 3\nline 4"), "edit");
        RevisionDiff diff = kb.diff(ALICE, a.id(), EN, 1, 2);
        assertThat(diff.fields()).extracting(RevisionDiff.FieldChange::field).containsExactly("title", "body");
        assertThat(diff.bodyChanges()).isNotEmpty();
        assertThat(diff.bodyChanges().getFirst().before()).containsExactly("line 2");
        assertThat(diff.unifiedBody()).contains("-line 2").contains("+line two").contains("+line 4");

        Revision r3 = kb.restoreRevision(ALICE, a.id(), EN, 1, 2, "back to the original");
        assertThat(r3.number()).isEqualTo(3);
        assertThat(r3.restoredFrom()).isEqualTo(1);
        assertThat(r3.content()).isEqualTo(kb.revision(ALICE, a.id(), EN, 1).content());
        assertThat(r3.contentHash()).isEqualTo(kb.revision(ALICE, a.id(), EN, 1).contentHash());
        assertThat(kb.history(ALICE, a.id(), EN)).hasSize(3);
        assertThat(kb.diff(ALICE, a.id(), EN, 1, 3).isEmpty()).isTrue();
        assertThatThrownBy(() -> kb.restoreRevision(ALICE, a.id(), EN, 9, 3, ""))
                .isInstanceOf(RevisionNotFoundException.class);
    }

    @Test
    void translations_outdatedWhenSourceMovesOn_andLocaleFallback() {
        Article a = createPublic("a", "Reset your password", "EN body");
        publishReviewed("a", EN, 1);
        kb.addTranslation(ALICE, a.id(), FR, ArticleContent.of("Réinitialiser votre mot de passe", "FR"), 1,
                "traduction");
        publishReviewed("a", FR, 1);
        ViewerContext quebec = ViewerContext.external(Locale.forLanguageTag("fr-CA"));
        ArticleView v = kb.read(quebec, a.id()).orElseThrow();
        assertThat(v.locale()).isEqualTo(FR);
        assertThat(v.outdated()).isFalse();
        assertThat(kb.read(ViewerContext.external(Locale.GERMAN), a.id()).orElseThrow().locale()).isEqualTo(EN);

        kb.edit(ALICE, a.id(), EN, 1, ArticleContent.of("Reset your password", "EN body v2"), "");
        publishReviewed("a", EN, 2);
        assertThat(kb.outdatedTranslations()).containsExactly(new OutdatedTranslation(a.id(), FR, 1, 2));
        assertThat(kb.read(quebec, a.id()).orElseThrow().outdated()).isTrue();

        kb.updateTranslation(ALICE, a.id(), FR, 1, ArticleContent.of("Réinitialiser votre mot de passe", "FR v2"),
                2, "à jour");
        assertThat(kb.outdatedTranslations()).isEmpty();
        assertThatThrownBy(() -> kb.addTranslation(ALICE, a.id(), FR, ArticleContent.of("x", "y"), 1, ""))
                .isInstanceOf(DuplicateArticleException.class);
        assertThatThrownBy(() -> kb.addTranslation(ALICE, a.id(), Locale.GERMAN, ArticleContent.of("x", "y"), 7, ""))
                .isInstanceOf(ValidationException.class).hasMessageContaining("revisions 1 to 2");
    }

    @Test
    void visibility_readersSeeOnlyWhatTheyMay() {
        kb.create(ALICE, NewArticle.builder("internal").category("X").title("T").body("B").build());
        kb.create(ALICE, NewArticle.builder("partners").category("X").visibility(Visibility.segments("partners"))
                .title("T").body("B").build());
        createPublic("public", "T", "B");
        for (String id : List.of("internal", "partners", "public")) {
            publishReviewed(id, EN, 1);
        }
        ViewerContext partner = ViewerContext.external(EN, "partners");
        assertThat(kb.read(CUSTOMER, ArticleId.of("internal"))).isEmpty();
        assertThat(kb.read(CUSTOMER, ArticleId.of("partners"))).isEmpty();
        assertThat(kb.read(CUSTOMER, ArticleId.of("public"))).isPresent();
        assertThat(kb.read(partner, ArticleId.of("partners"))).isPresent();
        assertThat(kb.read(partner, ArticleId.of("internal"))).isEmpty();
        assertThat(kb.read(AGENT, ArticleId.of("internal"))).isPresent();
        assertThat(kb.read(AGENT, ArticleId.of("partners"))).isPresent();
        assertThat(kb.read(CUSTOMER, ArticleId.of("does-not-exist"))).isEmpty();
    }

    @Test
    void verification_dueDateAndHidePolicy() {
        kb.close();
        kb = KnowledgeBase.builder().inMemory().clock(clock).stalePolicy(StalePolicy.HIDE_FROM_EXTERNAL)
                .schedulerInterval(Duration.ZERO).build();
        Article a = kb.create(ALICE, NewArticle.builder("a").category("X").visibility(Visibility.PUBLIC).title("T")
                .body("B").owner("olivia").reviewInterval(Duration.ofDays(90)).build());
        publishReviewed("a", EN, 1);
        assertThat(kb.dueForReview()).isEmpty();
        clock.advance(Duration.ofDays(91));
        assertThat(kb.dueForReview()).extracting(ReviewDue::articleId, ReviewDue::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a.id(), "olivia"));
        assertThat(kb.read(CUSTOMER, a.id())).isEmpty();
        assertThat(kb.read(AGENT, a.id()).orElseThrow().needsReview()).isTrue();
        Article verified = kb.verify(BOB, a.id());
        assertThat(verified.verifiedBy()).isEqualTo("bob");
        assertThat(verified.reviewDueAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        assertThat(kb.read(CUSTOMER, a.id())).isPresent();
        assertThat(kb.dueForReview()).isEmpty();
    }

    @Test
    void metadataChange_basedOnStaleVersion_isConflict() {
        Article a = createPublic("a", "T", "B");
        Article changed = kb.updateMetadata(ALICE, a.id(), a.version(), MetadataChange.none()
                .withCategory(CategoryPath.parse("Billing > Invoices")).withTags(Set.of("invoice", "pdf"))
                .withAttributes(Map.of("product", "crm")));
        assertThat(changed.category().segments()).containsExactly("Billing", "Invoices");
        assertThat(changed.tags()).containsExactlyInAnyOrder("invoice", "pdf");
        assertThatThrownBy(() -> kb.updateMetadata(ALICE, a.id(), a.version(), MetadataChange.none()
                .withOwner("x"))).isInstanceOfSatisfying(ArticleVersionConflictException.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(changed.version()));
    }

    @Test
    void badInput_getsTypedErrorsAndWritesNothing() {
        assertThatThrownBy(() -> NewArticle.builder(null)).isInstanceOf(InvalidArticleIdException.class);
        assertThatThrownBy(() -> NewArticle.builder("  ")).isInstanceOf(InvalidArticleIdException.class);
        assertThatThrownBy(() -> NewArticle.builder("a/../b")).isInstanceOf(InvalidArticleIdException.class);
        assertThatThrownBy(() -> NewArticle.builder("x".repeat(129))).isInstanceOf(InvalidArticleIdException.class);
        assertThatThrownBy(() -> NewArticle.builder("a").locale("not a locale!"))
                .isInstanceOf(InvalidLocaleException.class);
        assertThatThrownBy(() -> NewArticle.builder("a").build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("category");
        String huge = "x".repeat(KnowledgeBase.DEFAULT_MAX_BODY_BYTES + 1);
        assertThatThrownBy(() -> createPublic("big", "T", huge))
                .isInstanceOfSatisfying(ContentTooLargeException.class,
                        e -> assertThat(e.limit()).isEqualTo(KnowledgeBase.DEFAULT_MAX_BODY_BYTES));
        assertThatThrownBy(() -> kb.edit(ALICE, ArticleId.of("nope"), EN, 1, ArticleContent.of("x", "y"), ""))
                .isInstanceOf(ArticleNotFoundException.class);
        createPublic("a", "T", "B");
        assertThatThrownBy(() -> kb.edit(ALICE, ArticleId.of("a"), FR, 1, ArticleContent.of("x", "y"), ""))
                .isInstanceOf(TranslationNotFoundException.class).hasMessageContaining("addTranslation");
        assertThatThrownBy(() -> createPublic("a", "T", "B")).isInstanceOf(DuplicateArticleException.class);
        List<Violation> tooMany = new ArrayList<>();
        try {
            kb.create(ALICE, NewArticle.builder("c").category("X").title("t".repeat(2000))
                    .summary("s".repeat(6000)).build());
        } catch (ValidationException e) {
            tooMany.addAll(e.violations());
        }
        assertThat(tooMany).extracting(Violation::field).containsExactly("title", "summary");
        assertThat(kb.size()).isEqualTo(1);
        assertThat(kb.lastChange()).isEqualTo(1);
    }

    @Test
    void reopen_keepsArticlesRevisionsStatesAndAudit() {
        createPublic("a", "T", "B");
        publishReviewed("a", EN, 1);
        kb.edit(ALICE, ArticleId.of("a"), EN, 1, ArticleContent.of("T2", "B2"), "second");
        kb.close();
        kb = KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO).build();
        Article a = kb.article(BOB, ArticleId.of("a"));
        assertThat(a.source().publishedRevision()).isEqualTo(1);
        assertThat(a.source().latestRevision()).isEqualTo(2);
        assertThat(kb.read(CUSTOMER, a.id()).orElseThrow().content().title()).isEqualTo("T");
        assertThat(kb.auditTrail(BOB, a.id())).hasSize(5);
    }

    @Test
    void listenerFailure_doesNotUndoTheChange() {
        kb.addListener(e -> {
            throw new IllegalStateException("host bug");
        });
        Article a = createPublic("a", "T", "B");
        assertThat(kb.article(ALICE, a.id())).isNotNull();
        assertThat(events).hasSize(1);
    }

    @Test
    void builder_optionsSetTwiceOrConflicting_failAtOnce() {
        assertThatThrownBy(() -> KnowledgeBase.builder().clock(clock).clock(clock))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("clock: was already set");
        assertThatThrownBy(() -> KnowledgeBase.builder().directory(dir).inMemory())
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> KnowledgeBase.builder().build()).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("directory(path), inMemory()");
        assertThatThrownBy(() -> KnowledgeBase.builder().directory(dir).build())
                .isInstanceOf(StoreLockedException.class);
    }

    @Test
    void render_withoutMarkdownModule_escapesEverything() {
        createPublic("a", "T", "<script>alert(1)</script> **bold**");
        publishReviewed("a", EN, 1);
        RenderedArticle r = kb.render(CUSTOMER, ArticleId.of("a")).orElseThrow();
        assertThat(r.html().html()).doesNotContain("<script").contains("&lt;script&gt;");
    }

    @Test
    void search_withoutEngine_isClearError() {
        assertThatThrownBy(() -> kb.search(CUSTOMER, dev.savoir.kb.search.SearchRequest.of("x")))
                .isInstanceOf(KbException.class).hasMessageContaining("kb-lucene");
    }

    @Test
    void sharedResources_serveManyKnowledgeBases() {
        try (SharedResources shared = SharedResources.builder().cacheBytes(1 << 20).build();
             KnowledgeBase t1 = KnowledgeBase.builder().directory(dir.resolve("tenant-1")).shared(shared).build();
             KnowledgeBase t2 = KnowledgeBase.builder().directory(dir.resolve("tenant-2")).shared(shared).build()) {
            t1.create(ALICE, NewArticle.builder("same-id").category("X").title("Tenant 1").body("one").build());
            t2.create(ALICE, NewArticle.builder("same-id").category("X").title("Tenant 2").body("two").build());
            assertThat(t1.revision(ALICE, ArticleId.of("same-id"), EN, 1).content().title()).isEqualTo("Tenant 1");
            assertThat(t2.revision(ALICE, ArticleId.of("same-id"), EN, 1).content().title()).isEqualTo("Tenant 2");
            assertThat(shared.cachedEntries()).isPositive();
        }
    }
}
