package dev.savoir.kb.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.InboxItemNotFoundException;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.InvalidItemTransitionException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.RevisionConflictException;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {
    static final Locale EN = Locale.ENGLISH;
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final Actor OWNER = Actor.of("olivia", Role.AUTHOR);
    static final Actor AGENT = Actor.of("agent-1", Role.AGENT);
    static final Actor OTHER_AGENT = Actor.of("agent-2", Role.AGENT);
    static final Actor READER = Actor.of("rita", Role.REVIEWER);
    static final ViewerContext CUSTOMER = ViewerContext.external(EN);
    static final ArticleId RESET = ArticleId.of("reset-password");
    static final ArticleId REFUNDS = ArticleId.of("refunds");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));

    KnowledgeBase open() {
        return KnowledgeBase.builder().directory(dir).clock(clock).requireReview(false)
                .schedulerInterval(Duration.ZERO).build();
    }

    static void publish(KnowledgeBase kb, ArticleId id, String owner, String category, Visibility visibility) {
        kb.create(ADMIN, NewArticle.builder(id.value()).category(category).owner(owner).visibility(visibility)
                .title("Title of " + id).body("Old body of " + id).build());
        kb.publish(ADMIN, id, EN, 1);
    }

    KnowledgeBase seeded() {
        KnowledgeBase kb = open();
        publish(kb, RESET, "olivia", "Account > Password", Visibility.PUBLIC);
        publish(kb, REFUNDS, "", "Billing > Refunds", Visibility.PUBLIC);
        return kb;
    }

    @Test
    void customerFlag_isRoutedToTheOwner_andOnlyThatCustomerSeesIt() {
        try (KnowledgeBase kb = seeded()) {
            InboxItem item = kb.inbox().submit(CUSTOMER, "visitor-1",
                    ItemRequest.flag(RESET, FlagReason.OUTDATED, "The menu is now called Security"));
            assertThat(item.owner()).isEqualTo("olivia");
            assertThat(item.state()).isEqualTo(ItemState.OPEN);
            assertThat(item.revision()).isEqualTo(1);
            assertThat(item.reporter()).isEqualTo(new Reporter("visitor-1", true));
            assertThat(item.dueAt()).isEqualTo(clock.instant().plus(Inbox.DEFAULT_DUE_AFTER));
            kb.inbox().comment(OWNER, item.id(), "internal: check with product", false);
            kb.inbox().comment(OWNER, item.id(), "Thanks, we are on it", true);

            InboxItem seen = kb.inbox().itemsOf("visitor-1").getFirst();
            assertThat(seen.owner()).isEmpty();
            assertThat(seen.comments()).extracting(ItemComment::text).containsExactly("Thanks, we are on it");
            assertThat(seen.comments()).extracting(ItemComment::author).containsOnly("support");
            assertThat(seen.history()).extracting(ItemEvent::actor).doesNotContain("olivia");
            assertThat(kb.inbox().itemsOf("visitor-2")).isEmpty();
            assertThat(kb.inbox().itemOf("visitor-2", item.id())).isEmpty();
            assertThat(kb.inbox().itemOf("visitor-1", item.id())).contains(seen);
            assertThat(kb.inbox().item(OWNER, item.id()).comments()).hasSize(2);
        }
    }

    @Test
    void anArticleWithoutOwner_goesToItsNearestCategorysOwner() {
        try (KnowledgeBase kb = seeded()) {
            kb.inbox().assignCategory(ADMIN, CategoryPath.parse("Billing"), "bill");
            kb.inbox().assignCategory(ADMIN, CategoryPath.parse("Billing > Refunds"), "rosa");
            assertThat(kb.inbox().submit(AGENT, ItemRequest.flag(REFUNDS, FlagReason.UNCLEAR, "Which form?"))
                    .owner()).isEqualTo("rosa");
            kb.inbox().assignCategory(ADMIN, CategoryPath.parse("Billing > Refunds"), null);
            InboxItem item = kb.inbox().submit(AGENT, ItemRequest.flag(REFUNDS, FlagReason.UNCLEAR, "Which form?"));
            assertThat(item.owner()).isEqualTo("bill");
            assertThat(kb.inbox().assignedTo(Actor.of("bill", Role.AUTHOR))).containsExactly(item);
            assertThatThrownBy(() -> kb.inbox().assignCategory(AGENT, CategoryPath.parse("Billing"), "me"))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Test
    void states_goOpenAcceptedDone_orRejected_andOthersAreRefused() {
        try (KnowledgeBase kb = seeded()) {
            InboxItem item = kb.inbox().submit(AGENT, ItemRequest.flag(RESET, FlagReason.INCORRECT, "Wrong link"));
            assertThatThrownBy(() -> kb.inbox().complete(OWNER, item.id(), ""))
                    .isInstanceOf(InvalidItemTransitionException.class).hasMessageContaining("OPEN to DONE");
            kb.inbox().accept(OWNER, item.id(), "fixing");
            InboxItem done = kb.inbox().complete(OWNER, item.id(), "fixed in revision 2");
            assertThat(done.state()).isEqualTo(ItemState.DONE);
            assertThat(done.version()).isEqualTo(3);
            assertThat(done.history()).extracting(ItemEvent::action).containsExactly(ItemAction.SUBMITTED,
                    ItemAction.ASSIGNED, ItemAction.ACCEPTED, ItemAction.DONE);
            assertThatThrownBy(() -> kb.inbox().reject(OWNER, item.id(), "no"))
                    .isInstanceOfSatisfying(InvalidItemTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(ItemState.DONE);
                        assertThat(e.to()).isEqualTo(ItemState.REJECTED);
                    });
            InboxItem other = kb.inbox().submit(AGENT, ItemRequest.flag(RESET, FlagReason.OTHER, "Typo"));
            assertThatThrownBy(() -> kb.inbox().reject(OWNER, other.id(), " "))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(kb.inbox().reject(OWNER, other.id(), "Not a typo: British spelling").state())
                    .isEqualTo(ItemState.REJECTED);
        }
    }

    @Test
    void acceptingASuggestedEdit_createsADraftRevision_throughTheWritePath() {
        try (KnowledgeBase kb = seeded()) {
            InboxItem item = kb.inbox().submit(CUSTOMER, "visitor-1", ItemRequest.suggestEdit(RESET, EN, 1,
                    FlagReason.OUTDATED, "Settings moved", "Open **Security**, then *Reset*."));
            InboxItem accepted = kb.inbox().accept(OWNER, item.id(), "good catch");
            assertThat(accepted.state()).isEqualTo(ItemState.ACCEPTED);
            assertThat(accepted.resultingRevision()).isEqualTo(2);
            Revision draft = kb.revision(ADMIN, RESET, EN, 2);
            assertThat(draft.content().body()).isEqualTo("Open **Security**, then *Reset*.");
            assertThat(draft.content().title()).isEqualTo("Title of reset-password");
            assertThat(draft.author()).isEqualTo("olivia");
            assertThat(draft.changeNote()).contains(item.id());
            assertThat(kb.article(ADMIN, RESET).translations().get(EN).publishedRevision()).isEqualTo(1);
        }
    }

    @Test
    void aSuggestedEdit_basedOnAStaleRevision_conflicts_andStaysOpen() {
        try (KnowledgeBase kb = seeded()) {
            InboxItem item = kb.inbox().submit(AGENT, ItemRequest.suggestEdit(RESET, EN, 1, FlagReason.INCORRECT,
                    "Step 2", "New body"));
            kb.edit(OWNER, RESET, EN, 1, ArticleContent.of("Title", "Someone else's body"), "meanwhile");
            assertThatThrownBy(() -> kb.inbox().accept(OWNER, item.id(), ""))
                    .isInstanceOf(RevisionConflictException.class);
            assertThat(kb.inbox().item(OWNER, item.id()).state()).isEqualTo(ItemState.OPEN);
            assertThat(kb.history(ADMIN, RESET, EN)).hasSize(2);
            assertThatThrownBy(() -> kb.inbox().submit(CUSTOMER, "v", ItemRequest.suggestEdit(RESET, EN, 2,
                    FlagReason.OTHER, "x", "y"))).as("a customer writes from the published revision")
                    .isInstanceOf(RevisionConflictException.class);
        }
    }

    @Test
    void permissions_agentsSeeTheirOwn_editorsAll_customersNoInternalArticle() {
        try (KnowledgeBase kb = seeded()) {
            publish(kb, ArticleId.of("internal-runbook"), "olivia", "Ops", Visibility.INTERNAL);
            InboxItem mine = kb.inbox().submit(AGENT, ItemRequest.flag(RESET, FlagReason.OTHER, "mine"));
            InboxItem customers = kb.inbox().submit(CUSTOMER, "visitor-1",
                    ItemRequest.flag(RESET, FlagReason.OTHER, "theirs"));
            assertThat(kb.inbox().items(AGENT, null)).containsExactly(mine);
            assertThat(kb.inbox().items(OTHER_AGENT, null)).isEmpty();
            assertThatThrownBy(() -> kb.inbox().item(OTHER_AGENT, mine.id()))
                    .isInstanceOf(InboxItemNotFoundException.class);
            assertThat(kb.inbox().items(READER, ItemState.OPEN)).extracting(InboxItem::id)
                    .containsExactlyInAnyOrder(mine.id(), customers.id());
            assertThatThrownBy(() -> kb.inbox().accept(AGENT, mine.id(), ""))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.inbox().accept(READER, mine.id(), ""))
                    .as("a reviewer may read but not edit").isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> kb.inbox().submit(CUSTOMER, "visitor-1", ItemRequest.flag(
                    ArticleId.of("internal-runbook"), FlagReason.OTHER, "x")))
                    .isInstanceOf(ArticleNotFoundException.class);
            assertThatThrownBy(() -> kb.inbox().submit(Actor.of("nobody"), ItemRequest.flag(RESET, FlagReason.OTHER,
                    "x"))).isInstanceOf(PermissionDeniedException.class);
            kb.inbox().assign(OWNER, mine.id(), "agent-2");
            assertThat(kb.inbox().item(OTHER_AGENT, mine.id()).owner()).as("the new owner sees it")
                    .isEqualTo("agent-2");
        }
    }

    @Test
    void badRequests_getTypedErrors() {
        try (KnowledgeBase kb = seeded()) {
            assertThatThrownBy(() -> ItemRequest.flag(RESET, FlagReason.OTHER, " "))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> ItemRequest.suggestEdit(RESET, EN, 1, FlagReason.OTHER, "x", ""))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("proposedBody");
            assertThatThrownBy(() -> kb.inbox().submit(AGENT, ItemRequest.flag(ArticleId.of("nope"),
                    FlagReason.OTHER, "x"))).isInstanceOf(ArticleNotFoundException.class);
            assertThatThrownBy(() -> kb.inbox().item(OWNER, "no-such-item"))
                    .isInstanceOf(InboxItemNotFoundException.class);
            assertThatThrownBy(() -> kb.inbox().mostFlagged(0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> kb.inbox().submit(CUSTOMER, " ", ItemRequest.flag(RESET, FlagReason.OTHER,
                    "x"))).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void reports_backlogPerOwner_age_andMostFlagged() {
        try (KnowledgeBase kb = seeded()) {
            kb.inbox().assignCategory(ADMIN, CategoryPath.parse("Billing"), "bill");
            assertThat(kb.inbox().backlog()).isEqualTo(new InboxBacklog(0, 0, Duration.ZERO));
            InboxItem first = kb.inbox().submit(AGENT, ItemRequest.flag(RESET, FlagReason.OTHER, "a"));
            clock.advance(Duration.ofDays(2));
            kb.inbox().submit(AGENT, ItemRequest.flag(REFUNDS, FlagReason.OTHER, "b"));
            clock.advance(Duration.ofDays(2));
            InboxItem third = kb.inbox().submit(AGENT, ItemRequest.flag(RESET, FlagReason.OTHER, "c"));
            kb.inbox().submit(AGENT, ItemRequest.flag(RESET, FlagReason.OTHER, "d"));
            kb.inbox().reject(OWNER, third.id(), "duplicate");
            clock.advance(Duration.ofDays(4));
            // Pending: first (8 days, overdue), refunds (6 days), d (4 days).
            assertThat(kb.inbox().backlog()).isEqualTo(new InboxBacklog(3, 1, Duration.ofDays(6)));
            assertThat(kb.inbox().backlogByOwner()).containsExactly(
                    new OwnerBacklog("olivia", 2, 1, Duration.ofDays(8)),
                    new OwnerBacklog("bill", 1, 0, Duration.ofDays(6)));
            assertThat(kb.inbox().mostFlagged(10)).containsExactly(new FlaggedArticle(RESET, 2, 3),
                    new FlaggedArticle(REFUNDS, 1, 1));
            kb.inbox().setDue(OWNER, first.id(), clock.instant().plus(Duration.ofDays(1)));
            assertThat(kb.inbox().backlog().overdue()).isZero();
        }
    }

    @Test
    void items_surviveReopen_andErasingTheViewerRemovesTheirs() {
        String id;
        try (KnowledgeBase kb = seeded()) {
            id = kb.inbox().submit(CUSTOMER, "visitor-1", ItemRequest.flag(RESET, FlagReason.OTHER, "x")).id();
            kb.inbox().accept(OWNER, id, "");
            kb.inbox().submit(CUSTOMER, "visitor-2", ItemRequest.flag(RESET, FlagReason.OTHER, "y"));
        }
        try (KnowledgeBase kb = open()) {
            assertThat(kb.inbox().item(OWNER, id).state()).isEqualTo(ItemState.ACCEPTED);
            assertThat(kb.eraseViewer("visitor-1")).isGreaterThanOrEqualTo(1);
            assertThat(kb.inbox().itemsOf("visitor-1")).isEmpty();
            assertThat(kb.inbox().itemsOf("visitor-2")).hasSize(1);
        }
        try (KnowledgeBase kb = open()) {
            assertThat(kb.inbox().items(ADMIN, null)).hasSize(1);
        }
    }
}
