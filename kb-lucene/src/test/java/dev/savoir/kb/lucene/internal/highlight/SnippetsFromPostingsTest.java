package dev.savoir.kb.lucene.internal.highlight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;

/**
 * Highlights read from the offsets of the postings are the highlights found by analysing the text again, for the
 * title, the summary and the body of the searched text, in English and French.
 */
class SnippetsFromPostingsTest {
    private static final List<String> WORDS = List.of("Configure", "configuring", "configuration", "router",
            "routers", "Routeur", "l'imprimante", "imprimantes", "password:", "mot", "de", "passe", "réinitialiser",
            "reset", "resetting", "the", "and", "VPN", "vpn-client", "e-mail", "Café", "cafe", "2FA", "ticket#42",
            "happy", "happiness", "studies", "study", ".", ",", "\n", "(note)", "über", "Straße");
    private static final Analyzers ANALYZERS = new Analyzers();

    record Doc(String title, String summary, String tags, String body, List<String> query, String key) {
    }

    @Provide
    Arbitrary<Doc> docs() {
        Arbitrary<String> text = Arbitraries.of(WORDS).list().ofMinSize(0).ofMaxSize(400)
                .map(ws -> String.join(" ", ws));
        Arbitrary<String> shortText = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(8)
                .map(ws -> String.join(" ", ws));
        Arbitrary<List<String>> query = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(shortText, text, shortText, text, query, Arbitraries.of("en", "fr"))
                .as(Doc::new);
    }

    @Property(tries = 300)
    void highlightsFromPostings_areThoseOfAnalysis(@ForAll("docs") Doc d) throws IOException {
        Analyzer a = ANALYZERS.forKey(d.key());
        String field = "all." + d.key();
        Set<String> terms = new LinkedHashSet<>();
        for (Token t : Tokens.analyze(a, field, String.join(" ", d.query()), 16)) {
            terms.add(t.term());
        }
        String all = d.title() + "\n" + d.summary() + "\n" + d.tags() + "\n" + "Category\n" + d.body();
        int summaryAt = d.title().length() + 1;
        int bodyAt = all.length() - d.body().length();
        FieldType withOffsets = new FieldType(TextField.TYPE_NOT_STORED);
        withOffsets.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(a))) {
            Document doc = new Document();
            doc.add(new Field(field, all, withOffsets));
            w.addDocument(doc);
            w.commit();
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                LeafReader leaf = r.leaves().getFirst().reader();
                assertThat(Snippets.hasOffsets(leaf, field)).isTrue();
                int wanted = terms.size();
                assertThat(Snippets.matches(leaf, 0, field, terms, wanted, 0, d.title().length()))
                        .usingElementComparator(SnippetsFromPostingsTest::compare)
                        .containsExactlyElementsOf(Snippets.matches(a, field, d.title(), terms, Set.of()));
                assertThat(Snippets.of(d.summary(), Snippets.matches(leaf, 0, field, terms, wanted, summaryAt,
                        summaryAt + d.summary().length())))
                        .isEqualTo(Snippets.of(a, field, d.summary(), terms, Set.of()));
                assertThat(Snippets.of(d.body(), Snippets.matches(leaf, 0, field, terms, wanted, bodyAt,
                        bodyAt + d.body().length())))
                        .isEqualTo(Snippets.of(a, field, d.body(), terms, Set.of()));
            }
        }
    }

    /** The analysing path counts edits as the search's fuzzy matching does: a swap of two letters is one edit. */
    @Example
    void withinEdits_countsAnAdjacentTranspositionAsOneEdit() {
        assertThat(Snippets.withinEdits("poldar", "poldra", 1)).isTrue();
        assertThat(Snippets.withinEdits("invoice", "invocie", 1)).isTrue();
        assertThat(Snippets.withinEdits("abc", "cab", 1)).isFalse();
        assertThat(Snippets.withinEdits("router", "routers", 1)).isTrue();
        assertThat(Snippets.withinEdits("router", "rooter", 0)).isFalse();
        assertThat(Snippets.withinEdits("configuration", "configuraiton", 2)).isTrue();
        assertThat(Snippets.withinEdits("configuration", "figuration", 2)).isFalse();
    }

    private static int compare(int[] x, int[] y) {
        return x[0] == y[0] && x[1] == y[1] ? 0 : 1;
    }
}
