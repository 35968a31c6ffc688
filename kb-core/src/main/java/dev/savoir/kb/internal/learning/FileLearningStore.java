package dev.savoir.kb.internal.learning;

import dev.savoir.kb.StoreException;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.JsonLinesLog;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.PairKind;
import dev.savoir.kb.learning.VocabularyDecision;
import dev.savoir.kb.spi.LearningStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link LearningStore}: a log of decisions ({@code learning/vocabulary.jsonl} in the knowledge base's
 * folder), one JSON line per save or delete, fsynced before the call returns; replayed on open (a torn last line is
 * cut off), compacted (written anew, fsynced, renamed atomically) once it holds far more lines than decisions. Or in
 * memory only. Thread-safe.
 */
public final class FileLearningStore implements LearningStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileLearningStore.class);
    static final String FILE = "vocabulary.jsonl";

    /**
     * One line of the log: its own record format, written field by field from the API records.
     *
     * @param op {@code save} or {@code delete}
     */
    public record Line(String op, String kind, String language, String from, String to, @Nullable String status,
                       @Nullable String appliedKind, @Nullable String appliedFrom, @Nullable String appliedTo,
                       @Nullable String by, @Nullable Instant at) {
    }

    private final @Nullable Path directory;
    private final Map<LearnedPair, VocabularyDecision> decisions = new LinkedHashMap<>();
    private @Nullable JsonLinesLog log;
    private long lines;
    private boolean closed;

    /** @param directory the folder of the log, or null to keep decisions in memory only */
    public FileLearningStore(@Nullable Path directory) {
        this.directory = directory;
        if (directory != null) {
            JsonLinesLog l = new JsonLinesLog(directory.resolve(FILE));
            try {
                lines = l.replay(Line.class, this::apply);
            } catch (RuntimeException e) {
                l.close();
                throw new StoreException("cannot read the learned search vocabulary in " + directory + ": "
                        + e.getMessage(), e);
            }
            log = l;
        }
    }

    private void apply(Line line) {
        try {
            LearnedPair candidate = new LearnedPair(PairKind.valueOf(line.kind()), Locale.forLanguageTag(
                    line.language()), line.from(), line.to());
            if (line.op().equals("delete")) {
                decisions.remove(candidate);
                return;
            }
            VocabularyDecision.Status status = VocabularyDecision.Status.valueOf(Check.notNull("status",
                    line.status()));
            LearnedPair applied = status == VocabularyDecision.Status.APPROVED
                    ? new LearnedPair(PairKind.valueOf(Check.notNull("appliedKind", line.appliedKind())),
                    candidate.language(), Check.notNull("appliedFrom", line.appliedFrom()),
                    Check.notNull("appliedTo", line.appliedTo())) : null;
            decisions.remove(candidate);
            decisions.put(candidate, new VocabularyDecision(candidate, status, applied,
                    Check.notNull("by", line.by()), Check.notNull("at", line.at())));
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable line of the learned search vocabulary: {}", e.getMessage());
        }
    }

    private static Line line(VocabularyDecision d) {
        LearnedPair c = d.candidate();
        LearnedPair a = d.applied();
        return new Line("save", c.kind().name(), c.language().getLanguage(), c.from(), c.to(), d.status().name(),
                a == null ? null : a.kind().name(), a == null ? null : a.from(), a == null ? null : a.to(),
                d.decidedBy(), d.decidedAt());
    }

    private static Line deletion(LearnedPair c) {
        return new Line("delete", c.kind().name(), c.language().getLanguage(), c.from(), c.to(), null, null, null,
                null, null, null);
    }

    @Override
    public synchronized List<VocabularyDecision> decisions() {
        requireOpen();
        List<VocabularyDecision> out = new ArrayList<>(decisions.values());
        out.sort(Comparator.comparing(VocabularyDecision::decidedAt).reversed()
                .thenComparing(d -> d.candidate().toString()));
        return out;
    }

    @Override
    public synchronized void save(VocabularyDecision decision) {
        requireOpen();
        Check.notNull("decision", decision);
        write(line(decision));
        decisions.remove(decision.candidate());
        decisions.put(decision.candidate(), decision);
    }

    @Override
    public synchronized boolean delete(LearnedPair candidate) {
        requireOpen();
        Check.notNull("candidate", candidate);
        if (!decisions.containsKey(candidate)) {
            return false;
        }
        write(deletion(candidate));
        decisions.remove(candidate);
        return true;
    }

    /** Appends and fsyncs one line; compacts the log when it holds four times more lines than decisions. */
    private void write(Line line) {
        if (log == null) {
            return;
        }
        log.append(line);
        log.sync();
        lines++;
        if (lines > 64 && lines > 4L * (decisions.size() + 1)) {
            compact();
        }
    }

    private void compact() {
        Path dir = java.util.Objects.requireNonNull(directory);
        Path target = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            StringBuilder sb = new StringBuilder();
            for (VocabularyDecision d : decisions.values()) {
                sb.append(Json.mapper().writeValueAsString(line(d))).append('\n');
            }
            Files.writeString(tmp, sb);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            java.util.Objects.requireNonNull(log).close();
            log = null;
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        } catch (IOException e) {
            LOG.warn("Cannot compact the learned search vocabulary in {}: {}", dir, e.getMessage());
        } finally {
            if (log == null) {
                JsonLinesLog reopened = new JsonLinesLog(target);
                lines = reopened.replay(Line.class, x -> { });
                log = reopened;
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the learned search vocabulary store is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
