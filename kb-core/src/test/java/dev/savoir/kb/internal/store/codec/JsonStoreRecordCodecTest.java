package dev.savoir.kb.internal.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Article;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.spi.StoreCommit;
import dev.savoir.kb.spi.StoreRecordCodec;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The record codec that stores outside kb-core reuse: found by the service loader, exact, strict. */
class JsonStoreRecordCodecTest {
    private final StoreRecordCodec codec = StoreRecordCodec.standard();
    private final StoreCommit commit = StoreFixtures.create("a1", Locale.ENGLISH, "Reset \u0000 your password");

    @Test
    void standard_isKbCoresCodec_ofTheFileStoresFormat() {
        assertThat(codec).isInstanceOf(JsonStoreRecordCodec.class);
        assertThat(codec.format()).isEqualTo(LogCodec.FORMAT);
    }

    @Test
    void articleRevisionAndEvent_roundTripExactly() {
        Article a = commit.article();
        Revision r = commit.revisions().getFirst();
        AuditEvent e = commit.events().getFirst();
        assertThat(codec.decodeArticle(codec.encodeArticle(a), "here", "fix it")).isEqualTo(a);
        assertThat(codec.decodeRevision(codec.encodeRevision(r), "here", "fix it")).isEqualTo(r);
        assertThat(codec.decodeEvent(codec.encodeEvent(e), "here", "fix it")).isEqualTo(e);
    }

    @Test
    void documents_areTheLogsRecords_withNulEscaped() {
        String json = new String(codec.encodeRevision(commit.revisions().getFirst()), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"articleId\":\"a1\",\"locale\":\"en\",\"number\":1,\"content\":{")
                .contains("Reset \\u0000 your password").doesNotContain("\u0000");
    }

    @Test
    void unknownField_isCorruption_namingTheRecordAndTheAdvice() {
        byte[] json = "{\"articleId\":\"a1\",\"extra\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decodeRevision(json, "the revision a1/en/1 in kb.revisions",
                "Restore the database from a backup"))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageStartingWith("the revision a1/en/1 in kb.revisions has an unknown field \"extra\"")
                .hasMessageEndingWith("Restore the database from a backup");
    }

    @Test
    void malformedJson_orInvalidValue_isCorruption() {
        assertThatThrownBy(() -> codec.decodeEvent("{\"at\":".getBytes(StandardCharsets.UTF_8), "row 7", "x"))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("row 7 is not well-formed JSON");
        String article = new String(codec.encodeArticle(commit.article()), StandardCharsets.UTF_8)
                .replace("\"id\":\"a1\"", "\"id\":\"\"");
        assertThatThrownBy(() -> codec.decodeArticle(article.getBytes(StandardCharsets.UTF_8), "row 8", "x"))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("row 8 holds a value that is not valid");
    }
}
