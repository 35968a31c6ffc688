package dev.savoir.kb.internal.io;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.io.ImportRejectedException;
import dev.savoir.kb.io.ImportReport;
import dev.savoir.kb.io.RejectedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import every format shares. Pass 1 reads the whole source and checks every record (and duplicates within the
 * source and against the knowledge base) without writing; any problem refuses the import (or, with skipInvalid,
 * marks the record skipped). Pass 2 reads the source again and writes it in all-or-nothing batches through
 * {@code KnowledgeBase.importArchives}. A source is read twice, so that a streamed JSON file never sits in memory.
 */
public final class Importer {
    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    /** A source of records; {@link #read} may be called twice and must give the same records in the same order. */
    @FunctionalInterface
    public interface Source {
        /**
         * Feeds every record to the sink, in order.
         *
         * @throws ImportRejectedException if the file itself is malformed
         */
        void read(Consumer<Located> sink);
    }

    /**
     * One record and where it came from; {@code archive} is null when it could not be built, and then
     * {@code problems} says why.
     */
    public record Located(String file, long line, @Nullable String id, @Nullable ArticleArchive archive,
                          List<String> problems) {
        public static Located ok(String file, long line, ArticleArchive archive) {
            return new Located(file, line, archive.article().id().value(), archive, List.of());
        }

        public static Located bad(String file, long line, @Nullable String id, List<String> problems) {
            return new Located(file, line, id, null, problems);
        }
    }

    /**
     * The import under way on this thread, as it stood before the batch being written: the knowledge base's side of
     * {@code importArchives} ({@link ArchiveImport}) reads it to tell its observer how far the whole import has come,
     * whatever format (or host code) runs it through {@link #run}.
     */
    private static final ThreadLocal<ImportProgress> RUNNING = new ThreadLocal<>();

    private Importer() {
    }

    /** The progress of the import this thread is running, before its current batch; null outside an import. */
    static @Nullable ImportProgress running() {
        return RUNNING.get();
    }

    /** Where an import writes: the facade's {@code importArchives}. */
    @FunctionalInterface
    public interface BatchWriter {
        int importArchives(Actor actor, List<ArticleArchive> archives, boolean keepStates);
    }

    /**
     * Runs a two-pass import.
     *
     * @param existingIds the ids already in the knowledge base
     * @param kb writes each batch
     * @param limits the knowledge base's input limits
     */
    public static ImportReport run(Supplier<List<ArticleId>> existingIds, BatchWriter kb, InputLimits limits,
                                   Actor actor, Source source, ImportOptions options, List<String> skipped,
                                   LongSupplier afterWrite) {
        long start = System.nanoTime();
        Consumer<ImportProgress> progress = options.progress();
        Set<ArticleId> existing = new HashSet<>(existingIds.get());
        Map<ArticleId, String> seen = new HashMap<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        BitSet skip = new BitSet();
        long[] counts = new long[2]; // read, accepted
        source.read(rec -> {
            int index = (int) counts[0]++;
            List<String> problems = new ArrayList<>(rec.problems());
            ArticleArchive archive = rec.archive();
            if (archive != null) {
                problems.addAll(ArchiveCheck.problems(archive, limits));
                ArticleId id = archive.article().id();
                String first = seen.putIfAbsent(id, rec.file() + ":" + rec.line());
                if (first != null) {
                    problems.add("the id " + id + " appears twice (first at " + first + ")");
                } else if (existing.contains(id)) {
                    problems.add("an article with id " + id + " already exists in the knowledge base");
                }
            } else if (problems.isEmpty()) {
                problems.add("the record could not be read");
            }
            if (!problems.isEmpty()) {
                for (String p : problems) {
                    rejected.add(new RejectedRecord(rec.file(), rec.line(), rec.id(), p));
                }
                skip.set(index);
            } else {
                counts[1]++;
            }
        });
        if (!rejected.isEmpty() && !options.skipInvalid()) {
            throw new ImportRejectedException(rejected, 0);
        }
        long total = counts[1];
        long rejectedRecords = skip.cardinality();
        progress.accept(new ImportProgress(counts[0], 0, rejectedRecords, total));

        List<ArticleArchive> batch = new ArrayList<>(options.batchSize());
        List<Located> batchWhere = new ArrayList<>(options.batchSize());
        long[] written = new long[3]; // index, imported, translations
        source.read(rec -> {
            int index = (int) written[0]++;
            if (skip.get(index)) {
                return;
            }
            ArticleArchive archive = rec.archive();
            if (archive == null) {
                throw new ImportRejectedException(List.of(new RejectedRecord(rec.file(), rec.line(), rec.id(),
                        "the file changed while it was imported")), written[1]);
            }
            batch.add(archive);
            batchWhere.add(rec);
            if (batch.size() == options.batchSize()) {
                flush(kb, actor, options, batch, batchWhere, written,
                        new ImportProgress(counts[0], written[1], rejectedRecords, total));
                progress.accept(new ImportProgress(counts[0], written[1], rejectedRecords, total));
            }
        });
        if (!batch.isEmpty()) {
            flush(kb, actor, options, batch, batchWhere, written,
                    new ImportProgress(counts[0], written[1], rejectedRecords, total));
            progress.accept(new ImportProgress(counts[0], written[1], rejectedRecords, total));
        }
        long attachments = afterWrite.getAsLong();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Imported {} articles ({} rejected) in {} ms", written[1], rejectedRecords, took.toMillis());
        return new ImportReport(written[1], written[2], rejected, skipped, attachments, took);
    }

    private static void flush(BatchWriter kb, Actor actor, ImportOptions options, List<ArticleArchive> batch,
                              List<Located> where, long[] written, ImportProgress before) {
        RUNNING.set(before);
        try {
            kb.importArchives(actor, List.copyOf(batch), options.keepStates());
        } catch (PermissionDeniedException e) {
            throw e;
        } catch (ValidationException e) {
            List<RejectedRecord> r = new ArrayList<>();
            e.violations().forEach(v -> r.add(locate(where, v.message(), v.field() + ": " + v.message())));
            throw new ImportRejectedException(r, written[1]);
        } catch (KbException e) {
            throw new ImportRejectedException(List.of(locate(where, String.valueOf(e.getMessage()),
                    "the knowledge base refused the batch: " + e.getMessage())), written[1]);
        } finally {
            RUNNING.remove();
        }
        written[1] += batch.size();
        for (ArticleArchive a : batch) {
            written[2] += a.article().translations().size();
        }
        batch.clear();
        where.clear();
    }

    /** Attributes a batch-level error to the record it names, else to the batch's first record. */
    private static RejectedRecord locate(List<Located> where, String message, String reason) {
        for (Located l : where) {
            if (l.id() != null && (message.startsWith(l.id() + ":") || message.startsWith(l.id() + " ")
                    || message.contains(" " + l.id() + " "))) {
                return new RejectedRecord(l.file(), l.line(), l.id(), reason);
            }
        }
        Located first = where.getFirst();
        return new RejectedRecord(first.file(), first.line(), null, "in the batch starting here: " + reason);
    }
}
