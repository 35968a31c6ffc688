package dev.savoir.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.ItemRequest;
import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.internal.FolderText;
import dev.savoir.kb.privacy.ViewerData;
import dev.savoir.kb.privacy.ViewerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy of what readers type, through the facade: analytics masks personal data before writing it (unless the
 * host opts in to raw text), and everything recorded about one viewer key can be exported and erased, durably. The
 * README's "Privacy" example is the code between the tags below.
 */
class PrivacyTest {
    static final Actor ADMIN = Actor.of("admin", Role.ADMIN);
    static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);
    static final Instant FROM = Instant.EPOCH;
    static final Instant TO = Instant.now().plus(Duration.ofDays(2));

    @TempDir
    Path dir;

    private KnowledgeBase open(boolean rawText) {
        return KnowledgeBase.builder().directory(dir).requireReview(false).schedulerInterval(Duration.ZERO)
                .analyticsRawText(rawText).build();
    }

    private static ArticleId publish(KnowledgeBase kb) {
        kb.create(ADMIN, NewArticle.builder("billing").category("Billing").visibility(Visibility.PUBLIC)
                .title("Invoices").body("Find your invoices in Billing.").build());
        kb.publish(ADMIN, ArticleId.of("billing"), Locale.ENGLISH, 1);
        return ArticleId.of("billing");
    }

    @Test
    void analytics_masksPersonalData_beforeItIsWritten() {
        try (KnowledgeBase kb = open(false)) {
            ArticleId id = publish(kb);
            kb.analytics().recordSearch("s1", CUSTOMER, "invoice for jane.doe@example.com order 4471", 1,
                    List.of(id), Duration.ofMillis(2));
            kb.analytics().recordClick("s1", CUSTOMER, "my card 4111 1111 1111 1111 alice@example.org", id, 1);
            kb.analytics().flush();
            assertThat(kb.analytics().topQueries(FROM, TO, 10)).extracting(QueryStats::query)
                    .containsExactlyInAnyOrder("invoice for <email> order 4471", "my card <card> <email>");
        }
        assertThat(FolderText.filesContaining(dir, "jane")).isEmpty();
        assertThat(FolderText.filesContaining(dir, "4111")).isEmpty();
        assertThat(FolderText.filesContaining(dir, "<email>")).isNotEmpty();
    }

    @Test
    void analyticsRawText_optIn_keepsTheTextInTheStaffReports() {
        try (KnowledgeBase kb = open(true)) {
            kb.analytics().recordSearch("s1", CUSTOMER, "invoice for jane.doe@example.com", 0, List.of(),
                    Duration.ofMillis(2));
            kb.analytics().flush();
            assertThat(kb.analytics().topQueries(FROM, TO, 10)).extracting(QueryStats::query)
                    .containsExactly("invoice for jane doe example com");
        }
    }

    @Test
    void exportAndErase_coverSearchesClicksTicketsViewsVotesAndComments_durably() {
        try (KnowledgeBase kb = open(false)) {
            ArticleId id = publish(kb);
            kb.analytics().recordSearch("jane-77", CUSTOMER, "invoices", 1, List.of(id), Duration.ofMillis(1));
            kb.analytics().recordClick("jane-77", CUSTOMER, "invoices", id, 1);
            kb.analytics().recordTicket("jane-77");
            kb.analytics().recordSearch("someone-else", CUSTOMER, "invoices", 1, List.of(id), Duration.ofMillis(1));
            kb.recordView(CUSTOMER, "jane-77", id);
            kb.vote(CUSTOMER, "jane-77", id, false, VoteReason.UNCLEAR, "I am Jane, call me");
            kb.vote(CUSTOMER, "someone-else", id, true, null, null);

            ViewerData data = kb.exportViewer("jane-77");
            assertThat(data.viewerKey()).isEqualTo("jane-77");
            assertThat(data.records()).extracting(ViewerRecord::kind).containsExactlyInAnyOrder(
                    ViewerRecord.Kind.SEARCH, ViewerRecord.Kind.CLICK, ViewerRecord.Kind.TICKET,
                    ViewerRecord.Kind.VIEW, ViewerRecord.Kind.VOTE);
            assertThat(data.records()).isSortedAccordingTo(java.util.Comparator.comparing(ViewerRecord::at));
            assertThat(data.records()).filteredOn(r -> r.kind() == ViewerRecord.Kind.VOTE).singleElement()
                    .satisfies(v -> assertThat(v.comment()).isEqualTo("I am Jane, call me"));

            assertThat(kb.eraseViewer("jane-77")).isEqualTo(5);
            assertThat(kb.exportViewer("jane-77").records()).isEmpty();
            assertThat(kb.feedback(id).notHelpful()).isZero();
            assertThat(kb.feedback(id).helpful()).isEqualTo(1);
            assertThat(kb.comments(ADMIN, id)).isEmpty();
            assertThat(kb.analytics().topQueries(FROM, TO, 10)).singleElement()
                    .satisfies(q -> assertThat(q.searches()).isEqualTo(1));
            assertThat(kb.analytics().deflection(FROM, TO).searchSessions()).isEqualTo(1);
        }
        assertThat(FolderText.filesContaining(dir, "jane-77")).as("no file holds the key").isEmpty();
        assertThat(FolderText.filesContaining(dir, "I am Jane")).isEmpty();
        assertThat(FolderText.filesContaining(dir, "someone-else")).isNotEmpty();
        try (KnowledgeBase kb = open(false)) {
            assertThat(kb.exportViewer("jane-77").records()).isEmpty();
            assertThat(kb.feedback(ArticleId.of("billing")).notHelpful()).isZero();
            assertThat(kb.exportViewer("someone-else").records()).hasSize(2);
        }
    }

    @Test
    void exportAndErase_coverTheInboxItemsTheViewerSubmitted_andNoOneElses() {
        try (KnowledgeBase kb = open(false)) {
            ArticleId id = publish(kb);
            InboxItem flag = kb.inbox().submit(CUSTOMER, "jane-77",
                    ItemRequest.flag(id, FlagReason.OUTDATED, "I am Jane: the menu moved"));
            kb.inbox().comment(ADMIN, flag.id(), "Thanks Jane, fixed soon", true);
            InboxItem suggestion = kb.inbox().submit(CUSTOMER, "jane-77", ItemRequest.suggestEdit(id,
                    Locale.ENGLISH, 1, FlagReason.INCORRECT, "Jane's wording", "Find your invoices under Account."));
            InboxItem others = kb.inbox().submit(CUSTOMER, "someone-else",
                    ItemRequest.flag(id, FlagReason.OTHER, "Someone else's typo"));
            kb.inbox().submit(Actor.of("jane-77", Role.AGENT), ItemRequest.flag(id, FlagReason.OTHER,
                    "an agent whose id is the same string is not that customer"));

            ViewerData data = kb.exportViewer("jane-77");
            assertThat(data.inboxItems()).extracting(InboxItem::id).containsExactly(flag.id(), suggestion.id());
            assertThat(data.inboxItems()).extracting(InboxItem::text)
                    .containsExactly("I am Jane: the menu moved", "Jane's wording");
            assertThat(data.inboxItems()).extracting(InboxItem::proposedBody)
                    .containsExactly(null, "Find your invoices under Account.");
            assertThat(data.inboxItems().getFirst().comments()).extracting(ItemComment::text)
                    .containsExactly("Thanks Jane, fixed soon");
            assertThat(data.inboxItems()).extracting(InboxItem::reporter).containsOnly(new Reporter("jane-77", true));
            assertThat(kb.exportViewer("someone-else").inboxItems()).extracting(InboxItem::id)
                    .containsExactly(others.id());

            assertThat(kb.eraseViewer("jane-77")).isEqualTo(2);
            assertThat(kb.exportViewer("jane-77").inboxItems()).isEmpty();
            assertThat(kb.inbox().itemsOf("jane-77")).isEmpty();
            assertThat(kb.inbox().items(ADMIN, null)).extracting(InboxItem::text).containsExactlyInAnyOrder(
                    "Someone else's typo", "an agent whose id is the same string is not that customer");
        }
        assertThat(FolderText.filesContaining(dir, "I am Jane")).as("the inbox file was rewritten").isEmpty();
        try (KnowledgeBase kb = open(false)) {
            assertThat(kb.exportViewer("jane-77").inboxItems()).isEmpty();
            assertThat(kb.exportViewer("someone-else").inboxItems()).hasSize(1);
        }
    }

    @Test
    void eraseViewer_sendsTheRankingSignalsAgain_withoutItsVotes() {
        SignalsEngine engine = new SignalsEngine();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false)
                .schedulerInterval(Duration.ZERO).searchEngine(context -> engine).build()) {
            ArticleId id = publish(kb);
            kb.vote(CUSTOMER, "jane-77", id, false, VoteReason.OUTDATED, null);
            kb.vote(CUSTOMER, "someone-else", id, true, null, null);
            assertThat(engine.signals.get(id).unhelpfulVotes()).isEqualTo(1);
            kb.eraseViewer("jane-77");
            assertThat(engine.signals.get(id).unhelpfulVotes()).as("pushed at once, not at the next vote")
                    .isZero();
            assertThat(engine.signals.get(id).helpfulVotes()).isEqualTo(1);
        }
    }

    /** A search engine that finds nothing and keeps the last ranking signals of each article. */
    private static final class SignalsEngine implements dev.savoir.kb.spi.SearchEngine {
        final java.util.Map<ArticleId, dev.savoir.kb.search.ArticleSignals> signals =
                new java.util.concurrent.ConcurrentHashMap<>();
        private volatile long applied;

        @Override
        public long appliedSequence() {
            return applied;
        }

        @Override
        public void apply(List<dev.savoir.kb.spi.IndexableArticle> articles, long sequence) {
            applied = sequence;
        }

        @Override
        public void rebuild(java.util.Iterator<dev.savoir.kb.spi.IndexableArticle> all, long sequence,
                            java.util.function.LongConsumer progress) {
            applied = sequence;
        }

        @Override
        public void refresh() {
        }

        @Override
        public dev.savoir.kb.search.SearchResponse search(dev.savoir.kb.search.SearchRequest request,
                                                          ViewerContext viewer) {
            return new dev.savoir.kb.search.SearchResponse(List.of(), 0, true, java.util.Map.of(), null,
                    Duration.ZERO);
        }

        @Override
        public List<dev.savoir.kb.search.Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public List<dev.savoir.kb.search.SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
            return List.of();
        }

        @Override
        public List<dev.savoir.kb.search.AssistHit> assist(String subject, String description, int limit,
                                                           ViewerContext viewer) {
            return List.of();
        }

        @Override
        public void updateSignals(ArticleId id, dev.savoir.kb.search.ArticleSignals s) {
            signals.put(id, s);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void badArguments_failWithTypedErrors() {
        assertThatThrownBy(() -> KnowledgeBase.builder().popularQueryMinViewers(1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("popularQueryMinViewers");
        assertThatThrownBy(() -> KnowledgeBase.builder().analyticsRawText(true).analyticsRawText(false))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("analyticsRawText");
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().build()) {
            for (String bad : new String[] {null, "", "  ", "k".repeat(201)}) {
                assertThatThrownBy(() -> kb.eraseViewer(bad)).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("viewerKey");
                assertThatThrownBy(() -> kb.exportViewer(bad)).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("viewerKey");
            }
        }
    }

    // ------------------------------------------------------------------ the README's example

    @Test
    void readmeExample_runs() {
        Path folder = dir.resolve("kb-data");
        String session = "help-center-session-42";
        try (KnowledgeBase seed = KnowledgeBase.builder().directory(folder).requireReview(false).build()) {
            ArticleId id = publish(seed);
            seed.vote(CUSTOMER, session, id, true, null, "Clear, thanks");
        }
        List<String> printed = new java.util.ArrayList<>();
        long erased;
        // tag::privacy[]
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(folder)
                .popularQueryMinViewers(10)  // default 5 distinct viewers before a query is suggested to others
                .analyticsRawText(false)     // the default: e-mails, card numbers... are written as <email>, <card>
                .build()) {
            kb.analytics().recordSearch(session, CUSTOMER, "refund to jane@example.com", 0, List.of(),
                    Duration.ofMillis(3));    // stored as "refund to <email>"

            ViewerData data = kb.exportViewer(session);              // right of access
            for (ViewerRecord r : data.records()) {
                printed.add(r.kind() + " " + (r.query() != null ? r.query() : r.comment()));
            }
            erased = kb.eraseViewer(session);                        // right to erasure, durable on return
        }
        // end::privacy[]
        assertThat(printed).containsExactly("VOTE Clear, thanks", "SEARCH refund to <email>");
        assertThat(erased).isEqualTo(2);
        assertThat(FolderText.filesContaining(folder, session)).isEmpty();
    }

    @Test
    void readmePrivacyExample_isTheCompiledOne() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        String readme = Files.readString(root.resolve("README.md"));
        String source = Files.readString(root.resolve("kb-core/src/test/java/dev/savoir/kb/PrivacyTest.java"));
        assertThat(between(readme, "<!-- privacy:start -->\n```java", "```\n<!-- privacy:end -->"))
                .isEqualTo(between(source, "// tag::privacy[]", "// end::privacy[]"));
    }

    private static String between(String text, String start, String end) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "\\R(.*?)\\R\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("markers %s ... %s", start, end).isTrue();
        return m.group(1).stripIndent().strip();
    }
}
