package dev.savoir.kb.lucene;

import static dev.savoir.kb.lucene.Fixtures.ADMIN;
import static dev.savoir.kb.lucene.Fixtures.AGENT_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_EN;
import static dev.savoir.kb.lucene.Fixtures.CUSTOMER_FR;
import static dev.savoir.kb.lucene.Fixtures.ids;
import static dev.savoir.kb.lucene.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approved learned vocabulary reaches the next search, without a restart, and changes nothing about visibility. */
class LearnedVocabularySearchTest {
    static final LearnedPair BILL = LearnedPair.synonym(Locale.ENGLISH, "bill", "invoice");
    static final LearnedPair NVOICE = LearnedPair.correction(Locale.ENGLISH, "nvoice", "invoice");

    @TempDir
    Path dir;

    static void articles(KnowledgeBase kb) {
        publish(kb, "invoice-pdf", Locale.ENGLISH, Visibility.PUBLIC, "Download your invoice",
                "Open the Payments page and choose the month to download the PDF.");
        publish(kb, "ledger", Locale.ENGLISH, Visibility.INTERNAL, "Ledger codes for agents",
                "Internal ledger codes used when correcting an account.");
        publish(kb, "reset", Locale.ENGLISH, Visibility.PUBLIC, "Reset your password", "Use the link we send.");
    }

    @Test
    void approvedSynonym_expandsTheNextSearch_inItsLanguageOnly() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            articles(kb);
            assertThat(ids(kb, CUSTOMER_EN, "bill")).isEmpty();
            assertThat(ids(kb, CUSTOMER_EN, "pay my bill")).isEmpty();

            kb.learning().approve(ADMIN, BILL);

            assertThat(ids(kb, CUSTOMER_EN, "bill")).containsExactly("invoice-pdf");
            assertThat(ids(kb, CUSTOMER_EN, "Pay my BILL!")).containsExactly("invoice-pdf");
            assertThat(ids(kb, CUSTOMER_FR, "bill")).as("an English pair").isEmpty();
            assertThat(ids(kb, CUSTOMER_EN, "reset password")).containsExactly("reset");

            kb.learning().withdraw(ADMIN, BILL);
            assertThat(ids(kb, CUSTOMER_EN, "bill")).isEmpty();
        }
    }

    @Test
    void approvedCorrection_rewritesTheWord_andHighlightsTheCorrectedOne() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            articles(kb);
            assertThat(ids(kb, CUSTOMER_EN, "nvoice")).isEmpty();

            kb.learning().approve(ADMIN, NVOICE);

            kb.refresh();
            SearchHit hit = kb.search(CUSTOMER_EN, SearchRequest.of("nvoice")).hits().getFirst();
            assertThat(hit.articleId().value()).isEqualTo("invoice-pdf");
            assertThat(hit.titleHighlights()).isNotEmpty();
            assertThat(ids(kb, CUSTOMER_EN, "\"nvoice\"")).as("a quoted phrase stays as typed").isEmpty();
        }
    }

    @Test
    void learnedSynonym_neverShowsWhatTheViewerMayNotSee() {
        try (KnowledgeBase kb = Fixtures.inMemory()) {
            articles(kb);
            kb.learning().approve(ADMIN, LearnedPair.synonym(Locale.ENGLISH, "bill codes", "ledger codes"));
            assertThat(ids(kb, AGENT_EN, "bill codes")).containsExactly("ledger");
            assertThat(ids(kb, CUSTOMER_EN, "bill codes")).isEmpty();
            assertThat(kb.search(CUSTOMER_EN, SearchRequest.of("bill codes")).totalHits()).isZero();
        }
    }

    @Test
    void approvedPairs_applyAgainAfterARestart() {
        try (KnowledgeBase kb = Fixtures.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
                .build()) {
            articles(kb);
            kb.learning().approve(ADMIN, BILL);
        }
        try (KnowledgeBase kb = Fixtures.builder().directory(dir).searchEngine(LuceneSearchEngine.factory())
                .build()) {
            assertThat(ids(kb, CUSTOMER_EN, "bill")).containsExactly("invoice-pdf");
        }
    }
}
