package dev.savoir.kb.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.io.ArchiveJson;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The export format was defined by Jackson binding the API records by reflection; {@link ArchiveJson} now writes and
 * reads it field by field. On the class path (where the tests run) the reflective binding still works, so it serves
 * as the reference: the explicit writer gives the same bytes for every archive of a knowledge base that uses every
 * field, and the explicit reader the same records.
 */
class ExportRecordsTest {
    private static String explicit(ArticleArchive a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            ArchiveJson.write(g, a);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<ArticleArchive> archives() {
        MutableClock clock = IoFixtures.clock();
        try (KnowledgeBase kb = IoFixtures.inMemory(clock)) {
            IoFixtures.populate(kb, clock);
            List<ArticleArchive> out = new java.util.ArrayList<>();
            for (ArticleId id : kb.articleIds()) {
                out.add(kb.exportArchive(IoFixtures.ADMIN, id));
            }
            return out;
        }
    }

    @Test
    void explicitWriter_givesTheBytesOfTheReflectiveBinding_forEveryArchive() {
        List<ArticleArchive> archives = archives();
        assertThat(archives).hasSizeGreaterThanOrEqualTo(6);
        for (ArticleArchive a : archives) {
            assertThat(explicit(a)).as(a.article().id().value()).isEqualTo(Json.mapper().writeValueAsString(a));
        }
    }

    @Test
    void explicitReader_givesTheRecordsOfTheReflectiveBinding_forEveryArchive() {
        for (ArticleArchive a : archives()) {
            JsonNode node = Json.mapper().readTree(explicit(a));
            ArticleArchive read = ArchiveJson.readArchive(node);
            assertThat(read).isEqualTo(a);
            assertThat(read).isEqualTo(Json.mapper().treeToValue(node, ArticleArchive.class));
        }
    }

    @Test
    void explicitReader_ignoresFieldsItDoesNotKnow_likeTheFormatAlwaysDid() {
        ArticleArchive a = archives().getFirst();
        tools.jackson.databind.node.ObjectNode node = (tools.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(explicit(a));
        node.put("addedByANewerSavoir", true);
        ((tools.jackson.databind.node.ObjectNode) node.get("article")).put("colour", "blue");
        assertThat(ArchiveJson.readArchive(node)).isEqualTo(a);
    }

    @Test
    void markdownAuditFile_explicitWriter_givesTheBytesOfTheReflectiveBinding() {
        for (ArticleArchive a : archives()) {
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("events", a.events());
            audit.put("feedback", a.feedback());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.mapper().createGenerator(out)) {
                g.writeStartObject();
                g.writeName("events");
                ArchiveJson.writeEvents(g, a.events());
                g.writeName("feedback");
                ArchiveJson.writeFeedback(g, a.feedback());
                g.writeEndObject();
            }
            assertThat(out.toByteArray()).isEqualTo(Json.mapper().writeValueAsBytes(audit));
        }
        FeedbackSummary f = new FeedbackSummary(5, 3, 2, Map.of(VoteReason.UNCLEAR, 2L), 1);
        assertThat(ArchiveJson.readFeedback(Json.mapper().readTree(
                "{\"views\":5,\"helpful\":3,\"notHelpful\":2,\"reasons\":{\"UNCLEAR\":2},\"ticketLinks\":1}")))
                .isEqualTo(f);
    }
}
