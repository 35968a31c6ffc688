package dev.savoir.kb.io;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.io.Importer;
import dev.savoir.kb.internal.io.Importer.Located;
import java.util.List;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * The import every format shares, for formats that live outside kb-core (kb-import's Zendesk and Dynamics 365
 * readers): every record is checked first (its own problems, the archive validator, the knowledge base's input
 * limits, ids repeated in the source or present in the knowledge base), and if any is invalid the import is refused
 * with an {@link ImportRejectedException} listing them all and nothing is written (unless the options skip invalid
 * records). The valid ones are then written in all-or-nothing batches of {@link ImportOptions#batchSize()}, the
 * progress callback hearing after the check and after every batch. Stateless and thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ArchiveImporter {
    private ArchiveImporter() {
    }

    /**
     * Checks, then writes, the records.
     *
     * @param records the records in source order, valid and invalid
     * @param skipped notes for the report about what the source held but the format left out on purpose
     * @param afterWrite runs once after every batch was written (e.g. copies attachments) and returns how many
     *     attachments it wrote; it does not run when the import is refused
     * @return what was written
     * @throws ImportRejectedException if records are invalid (each listed with its file and line); nothing was
     *     written
     */
    public static ImportReport importRecords(KnowledgeBase kb, Actor actor, List<ImportRecord> records,
                                             ImportOptions options, List<String> skipped, LongSupplier afterWrite) {
        Check.notNull("kb", kb);
        Check.notNull("actor", actor);
        List<ImportRecord> all = List.copyOf(Check.noNulls("records", records));
        Check.notNull("options", options);
        List<String> notes = List.copyOf(Check.noNulls("skipped", skipped));
        Check.notNull("afterWrite", afterWrite);
        List<Located> located = all.stream().map(r -> new Located(r.file(), r.line(), r.articleId(), r.archive(),
                r.problems())).toList();
        return Importer.run(kb::articleIds, kb::importArchives, new InputLimits(kb.maxBodyBytes()), actor,
                sink -> located.forEach(sink), options, notes, afterWrite);
    }
}
