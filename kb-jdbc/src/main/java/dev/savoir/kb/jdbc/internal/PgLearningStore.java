package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.learning.PairKind;
import dev.savoir.kb.learning.VocabularyDecision;
import dev.savoir.kb.spi.LearningStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LearningStore} on PostgreSQL: one row per candidate in {@code learned_vocabulary}, upserted in its own
 * transaction (durable at commit), read again at every call, so that every node sees the others' decisions.
 */
public final class PgLearningStore implements LearningStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgLearningStore.class);

    private final Jdbc jdbc;
    private final String table;

    public PgLearningStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.table = jdbc.table("learned_vocabulary");
    }

    @Override
    public List<VocabularyDecision> decisions() {
        List<VocabularyDecision> out = jdbc.read("read the learned search vocabulary", c -> {
            List<VocabularyDecision> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, language, from_text, to_text, status, "
                    + "applied_kind, applied_from, applied_to, decided_by, decided_at FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        LearnedPair candidate = new LearnedPair(PairKind.valueOf(rs.getString(1)),
                                Locale.forLanguageTag(rs.getString(2)), rs.getString(3), rs.getString(4));
                        VocabularyDecision.Status status = VocabularyDecision.Status.valueOf(rs.getString(5));
                        LearnedPair applied = rs.getString(6) == null ? null : new LearnedPair(
                                PairKind.valueOf(rs.getString(6)), candidate.language(), rs.getString(7),
                                rs.getString(8));
                        found.add(new VocabularyDecision(candidate, status, applied, rs.getString(9),
                                Jdbc.instant(rs, 10)));
                    } catch (IllegalArgumentException | InvalidArgumentException e) {
                        LOG.warn("Skipping an unreadable row of {}: {}", table, e.getMessage());
                    }
                }
            }
            return found;
        });
        out.sort(Comparator.comparing(VocabularyDecision::decidedAt).reversed()
                .thenComparing(d -> d.candidate().toString()));
        return out;
    }

    @Override
    public void save(VocabularyDecision d) {
        if (d == null) {
            throw new InvalidArgumentException("decision", "is required, got null");
        }
        LearnedPair c = d.candidate();
        LearnedPair a = d.applied();
        jdbc.write("save a learned search vocabulary decision", conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " (kind, language, from_text, "
                    + "to_text, status, applied_kind, applied_from, applied_to, decided_by, decided_at) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, language, from_text, to_text) DO UPDATE SET "
                    + "status = EXCLUDED.status, applied_kind = EXCLUDED.applied_kind, applied_from = "
                    + "EXCLUDED.applied_from, applied_to = EXCLUDED.applied_to, decided_by = EXCLUDED.decided_by, "
                    + "decided_at = EXCLUDED.decided_at")) {
                ps.setString(1, c.kind().name());
                ps.setString(2, c.language().getLanguage());
                ps.setString(3, c.from());
                ps.setString(4, c.to());
                ps.setString(5, d.status().name());
                ps.setString(6, a == null ? null : a.kind().name());
                ps.setString(7, a == null ? null : a.from());
                ps.setString(8, a == null ? null : a.to());
                ps.setString(9, d.decidedBy());
                Jdbc.setInstant(ps, 10, d.decidedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean delete(LearnedPair c) {
        if (c == null) {
            throw new InvalidArgumentException("candidate", "is required, got null");
        }
        return jdbc.write("delete a learned search vocabulary decision", conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE kind = ? AND "
                    + "language = ? AND from_text = ? AND to_text = ?")) {
                ps.setString(1, c.kind().name());
                ps.setString(2, c.language().getLanguage());
                ps.setString(3, c.from());
                ps.setString(4, c.to());
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        jdbc.close();
    }
}
