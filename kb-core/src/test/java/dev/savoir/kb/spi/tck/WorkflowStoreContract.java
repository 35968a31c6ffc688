package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Role;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemAction;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.ItemEvent;
import dev.savoir.kb.inbox.ItemKind;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.learning.Acknowledgement;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.Team;
import dev.savoir.kb.spi.WorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the {@link WorkflowStore} SPI. An implementation runs the whole suite by subclassing and
 * implementing {@link #newStore}; a durable one also implements {@link #reopen}. A behaviour an implementation cannot
 * honour must be declared by overriding its test with a documented reason, never silently skipped.
 */
public abstract class WorkflowStoreContract {
    protected static final Locale EN = Locale.ENGLISH;
    protected static final Locale FR = Locale.FRENCH;
    protected static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
    protected static final ArticleId A = ArticleId.of("a");
    protected static final ArticleId B = ArticleId.of("b");

    protected WorkflowStore store;

    /** A new, empty store. */
    protected abstract WorkflowStore newStore();

    /**
     * The same store opened again after {@link WorkflowStore#close()}, or null for a store that keeps nothing beyond
     * its life (then {@link #reopen_keepsEverything()} must be overridden with the reason).
     */
    protected abstract @Nullable WorkflowStore reopen();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** An item at version 1, as the inbox submits it. */
    protected static InboxItem item(String id, ArticleId article, Reporter reporter) {
        return new InboxItem(id, 1, ItemKind.SUGGESTED_EDIT, article, EN, 3, FlagReason.OUTDATED,
                "Step 2 is wrong — é 😀", "# New body\n\nStep *two*.", reporter, "owner@x", ItemState.OPEN,
                T0.plusSeconds(7 * 86_400), T0, T0, null, List.of(),
                List.of(new ItemEvent(T0, reporter.id(), ItemAction.SUBMITTED, null, ItemState.OPEN, "suggested")));
    }

    /** The item's next version: one more comment and trail entry, in {@code state}. */
    protected static InboxItem next(InboxItem i, ItemState state, @Nullable Integer revision) {
        Instant at = i.updatedAt().plusSeconds(60);
        List<ItemComment> comments = new ArrayList<>(i.comments());
        comments.add(new ItemComment(at, "owner@x", "note " + i.version(), i.version() % 2 == 0));
        List<ItemEvent> history = new ArrayList<>(i.history());
        history.add(new ItemEvent(at, "owner@x", ItemAction.ACCEPTED, i.state(), state, ""));
        return new InboxItem(i.id(), i.version() + 1, i.kind(), i.articleId(), i.locale(), i.revision(), i.reason(),
                i.text(), i.proposedBody(), i.reporter(), i.owner(), state, null, i.createdAt(), at, revision,
                comments, history);
    }

    protected static LearningPath path(String id, ArticleId... articles) {
        return new LearningPath(id, "Path " + id, EN, List.of(articles), Set.of(Role.AGENT, Role.of("trainee")),
                Set.of("emea"));
    }

    @Test
    void emptyStore_holdsNothing() {
        assertThat(store.items()).isEmpty();
        assertThat(store.item("x")).isEmpty();
        assertThat(store.categoryOwners()).isEmpty();
        assertThat(store.paths()).isEmpty();
        assertThat(store.teams()).isEmpty();
        assertThat(store.acknowledgements()).isEmpty();
        assertThat(store.eraseViewer("nobody")).isZero();
    }

    @Test
    void items_readBackEqual_oldestFirst() {
        InboxItem one = item("i1", A, new Reporter("visitor-1", true));
        InboxItem two = item("i2", B, new Reporter("agent@x", false));
        store.insertItem(one);
        store.insertItem(two);
        assertThat(store.item("i1")).contains(one);
        assertThat(store.items()).containsExactly(one, two);
    }

    @Test
    void insert_ofAnExistingId_fails() {
        store.insertItem(item("i1", A, new Reporter("v", true)));
        assertThatThrownBy(() -> store.insertItem(item("i1", B, new Reporter("w", true))))
                .isInstanceOf(StoreException.class);
        assertThat(store.item("i1").orElseThrow().articleId()).isEqualTo(A);
    }

    @Test
    void replace_onlyByTheNextVersion() {
        InboxItem v1 = item("i1", A, new Reporter("v", true));
        store.insertItem(v1);
        InboxItem v2 = next(v1, ItemState.ACCEPTED, 4);
        assertThat(store.replaceItem(v2)).isTrue();
        assertThat(store.item("i1")).contains(v2);
        assertThat(store.replaceItem(next(v1, ItemState.REJECTED, null))).as("a stale version").isFalse();
        assertThat(store.replaceItem(next(next(v2, ItemState.DONE, 4), ItemState.DONE, 4))).as("a skipped version")
                .isFalse();
        assertThat(store.replaceItem(next(item("ghost", A, new Reporter("v", true)), ItemState.DONE, null)))
                .as("no such item").isFalse();
        assertThat(store.item("i1")).contains(v2);
        InboxItem v3 = next(v2, ItemState.DONE, 4);
        assertThat(store.replaceItem(v3)).isTrue();
        assertThat(store.items()).containsExactly(v3);
    }

    @Test
    void concurrentReplacements_ofOneVersion_exactlyOneWins() throws Exception {
        InboxItem v1 = item("i1", A, new Reporter("v", true));
        store.insertItem(v1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                ItemState s = t % 2 == 0 ? ItemState.ACCEPTED : ItemState.REJECTED;
                results.add(pool.submit(() -> store.replaceItem(next(v1, s, null))));
            }
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(store.item("i1").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void categoryOwners_setReplacedAndRemoved() {
        CategoryPath billing = CategoryPath.parse("Billing");
        CategoryPath refunds = CategoryPath.parse("Billing > Refunds");
        store.putCategoryOwner(billing, "carol");
        store.putCategoryOwner(refunds, "dave");
        store.putCategoryOwner(billing, "erin");
        assertThat(store.categoryOwners()).isEqualTo(Map.of(billing, "erin", refunds, "dave"));
        store.putCategoryOwner(refunds, null);
        assertThat(store.categoryOwners()).isEqualTo(Map.of(billing, "erin"));
    }

    @Test
    void paths_byId_replacedAndRemoved() {
        store.putPath(path("onboarding", A, B));
        store.putPath(path("billing", B));
        LearningPath changed = path("onboarding", B, A);
        store.putPath(changed);
        assertThat(store.paths()).extracting(LearningPath::id).containsExactly("billing", "onboarding");
        assertThat(store.paths().get(1)).isEqualTo(changed);
        assertThat(store.removePath("billing")).isTrue();
        assertThat(store.removePath("billing")).isFalse();
        assertThat(store.paths()).containsExactly(changed);
    }

    @Test
    void teams_byName_replaced() {
        store.putTeam(new Team("emea", Set.of("ann", "bob")));
        store.putTeam(new Team("amer", Set.of()));
        store.putTeam(new Team("emea", Set.of("ann", "cid")));
        assertThat(store.teams()).containsExactly(new Team("amer", Set.of()), new Team("emea", Set.of("ann", "cid")));
    }

    @Test
    void acknowledgements_laterOneOfSameTranslationReplaces() {
        store.putAcknowledgement(new Acknowledgement("ann", A, EN, 2, T0));
        store.putAcknowledgement(new Acknowledgement("ann", A, FR, 1, T0));
        store.putAcknowledgement(new Acknowledgement("bob", A, EN, 1, T0));
        store.putAcknowledgement(new Acknowledgement("ann", A, EN, 4, T0.plusSeconds(5)));
        assertThat(store.acknowledgements()).containsExactlyInAnyOrder(
                new Acknowledgement("ann", A, EN, 4, T0.plusSeconds(5)), new Acknowledgement("ann", A, FR, 1, T0),
                new Acknowledgement("bob", A, EN, 1, T0));
    }

    @Test
    void eraseViewer_deletesOnlyThatCustomersItems() {
        store.insertItem(item("c1", A, new Reporter("visitor-1", true)));
        InboxItem c2 = item("c2", B, new Reporter("visitor-1", true));
        store.insertItem(c2);
        store.replaceItem(next(c2, ItemState.ACCEPTED, null));
        InboxItem other = item("c3", A, new Reporter("visitor-2", true));
        InboxItem agents = item("a1", A, new Reporter("visitor-1", false));
        store.insertItem(other);
        store.insertItem(agents);
        assertThat(store.eraseViewer("visitor-1")).isEqualTo(2);
        assertThat(store.items()).containsExactly(other, agents);
        assertThat(store.eraseViewer("visitor-1")).isZero();
    }

    @Test
    void viewerItems_areThatCustomersItemsWhole_whatEraseDeletes() {
        InboxItem c1 = item("c1", A, new Reporter("visitor-1", true));
        store.insertItem(c1);
        InboxItem c2 = item("c2", B, new Reporter("visitor-1", true));
        store.insertItem(c2);
        InboxItem c2next = next(c2, ItemState.ACCEPTED, 4);
        store.replaceItem(c2next);
        store.insertItem(item("c3", A, new Reporter("visitor-2", true)));
        store.insertItem(item("a1", A, new Reporter("visitor-1", false)));
        assertThat(store.viewerItems("visitor-1")).containsExactly(c1, c2next);
        assertThat(store.viewerItems("visitor-2")).extracting(InboxItem::id).containsExactly("c3");
        assertThat(store.viewerItems("nobody")).isEmpty();
        assertThat(store.eraseViewer("visitor-1")).isEqualTo(2);
        assertThat(store.viewerItems("visitor-1")).isEmpty();
        assertThat(store.viewerItems("visitor-2")).hasSize(1);
    }

    @Test
    protected void reopen_keepsEverything() {
        InboxItem v1 = item("i1", A, new Reporter("visitor-1", true));
        store.insertItem(v1);
        InboxItem v2 = next(v1, ItemState.ACCEPTED, 4);
        store.replaceItem(v2);
        InboxItem erased = item("i2", A, new Reporter("visitor-9", true));
        store.insertItem(erased);
        store.eraseViewer("visitor-9");
        store.putCategoryOwner(CategoryPath.parse("Billing > Refunds"), "dave");
        LearningPath p = path("onboarding", A, B);
        store.putPath(p);
        store.putPath(path("gone", A));
        store.removePath("gone");
        store.putTeam(new Team("emea", Set.of("ann")));
        store.putAcknowledgement(new Acknowledgement("ann", A, EN, 1, T0));
        store.putAcknowledgement(new Acknowledgement("ann", A, EN, 2, T0.plusSeconds(1)));
        store.close();
        store = reopen();
        assertThat(store.items()).containsExactly(v2);
        assertThat(store.categoryOwners()).isEqualTo(Map.of(CategoryPath.parse("Billing > Refunds"), "dave"));
        assertThat(store.paths()).containsExactly(p);
        assertThat(store.teams()).containsExactly(new Team("emea", Set.of("ann")));
        assertThat(store.acknowledgements()).containsExactly(new Acknowledgement("ann", A, EN, 2, T0.plusSeconds(1)));
        assertThat(store.replaceItem(next(v2, ItemState.DONE, 4))).as("versions continue after a reopen").isTrue();
    }
}
