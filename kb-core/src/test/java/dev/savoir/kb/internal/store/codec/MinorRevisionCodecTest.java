package dev.savoir.kb.internal.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.spi.StoreRecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The minor mark of a revision: written only when set, so that unmarked revisions keep their bytes. */
class MinorRevisionCodecTest {
    static final StoreRecordCodec CODEC = StoreRecordCodec.standard();
    static final ArticleContent C = ArticleContent.of("Title", "Body");

    static Revision revision(boolean minor) {
        return new Revision(ArticleId.of("a"), Locale.ENGLISH, 2, C, "alice", Instant.parse("2026-01-02T03:04:05Z"),
                "fix", C.hash(), null, minor);
    }

    @Test
    void minorRevision_roundTrips_andUnmarkedOnesWriteNoField() {
        byte[] minor = CODEC.encodeRevision(revision(true));
        byte[] major = CODEC.encodeRevision(revision(false));
        assertThat(new String(minor, StandardCharsets.UTF_8)).endsWith(",\"minor\":true}");
        assertThat(new String(major, StandardCharsets.UTF_8)).doesNotContain("minor");
        assertThat(CODEC.decodeRevision(minor, "r", "advice")).isEqualTo(revision(true));
        assertThat(CODEC.decodeRevision(major, "r", "advice")).isEqualTo(revision(false));
        assertThat(revision(false)).isEqualTo(new Revision(ArticleId.of("a"), Locale.ENGLISH, 2, C, "alice",
                Instant.parse("2026-01-02T03:04:05Z"), "fix", C.hash(), null));
    }

    @Test
    void aMinorFieldThatIsNotABoolean_isCorruption() {
        String json = new String(CODEC.encodeRevision(revision(true)), StandardCharsets.UTF_8)
                .replace("\"minor\":true", "\"minor\":\"yes\"");
        assertThatThrownBy(() -> CODEC.decodeRevision(json.getBytes(StandardCharsets.UTF_8), "r", "advice"))
                .isInstanceOf(StoreCorruptedException.class).hasMessageContaining("minor");
    }
}
