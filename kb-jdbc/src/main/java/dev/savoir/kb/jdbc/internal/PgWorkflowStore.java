package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Role;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemAction;
import dev.savoir.kb.inbox.ItemComment;
import dev.savoir.kb.inbox.ItemEvent;
import dev.savoir.kb.inbox.ItemKind;
import dev.savoir.kb.inbox.ItemState;
import dev.savoir.kb.inbox.Reporter;
import dev.savoir.kb.learning.Acknowledgement;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.Team;
import dev.savoir.kb.spi.WorkflowStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WorkflowStore} on PostgreSQL, shared by every node: an inbox item is one row at its latest version with
 * its comments and audit trail in rows of their own, replaced in one transaction by an {@code UPDATE ... WHERE
 * version = ?} (so two nodes racing on one item: one wins); paths, teams and acknowledgements are rows keyed as the
 * contract keys them. Enum values are stored by name, as the file store writes them.
 *
 * <p>PostgreSQL text cannot hold U+0000: a value holding one is refused with {@link InvalidArgumentException}.
 * Instants are kept to the microsecond. Thread-safe.
 */
public final class PgWorkflowStore implements WorkflowStore {
    private static final String ITEM_COLUMNS = "id, version, kind, article_id, locale, revision, reason, text, "
            + "proposed_body, reporter, reporter_customer, owner, state, due_at, created_at, updated_at, "
            + "resulting_revision";

    private final Jdbc jdbc;
    private final String items;
    private final String comments;
    private final String events;
    private final String owners;
    private final String paths;
    private final String teams;
    private final String acks;

    public PgWorkflowStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.items = jdbc.table("inbox_items");
        this.comments = jdbc.table("inbox_comments");
        this.events = jdbc.table("inbox_events");
        this.owners = jdbc.table("inbox_category_owners");
        this.paths = jdbc.table("learning_paths");
        this.teams = jdbc.table("learning_teams");
        this.acks = jdbc.table("learning_acks");
    }

    // ------------------------------------------------------------------ inbox items

    @Override
    public void insertItem(InboxItem item) {
        checkText(item);
        jdbc.write("add the inbox item " + item.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + items + " (" + ITEM_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                bindItem(ps, item);
                if (ps.executeUpdate() == 0) {
                    throw new StoreException("an inbox item " + item.id() + " exists already");
                }
            }
            insertEntries(c, item);
            return null;
        });
    }

    @Override
    public boolean replaceItem(InboxItem item) {
        checkText(item);
        return jdbc.write("change the inbox item " + item.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + items + " SET (" + ITEM_COLUMNS
                    + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ? AND version = ?")) {
                bindItem(ps, item);
                ps.setString(18, item.id());
                ps.setLong(19, item.version() - 1);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            for (String table : List.of(comments, events)) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE item_id = ?")) {
                    ps.setString(1, item.id());
                    ps.executeUpdate();
                }
            }
            insertEntries(c, item);
            return true;
        });
    }

    private static void bindItem(PreparedStatement ps, InboxItem i) throws SQLException {
        ps.setString(1, i.id());
        ps.setLong(2, i.version());
        ps.setString(3, i.kind().name());
        ps.setString(4, i.articleId().value());
        ps.setString(5, i.locale().toLanguageTag());
        ps.setInt(6, i.revision());
        ps.setString(7, i.reason().name());
        ps.setString(8, i.text());
        ps.setString(9, i.proposedBody());
        ps.setString(10, i.reporter().id());
        ps.setBoolean(11, i.reporter().customer());
        ps.setString(12, i.owner());
        ps.setString(13, i.state().name());
        setNullableInstant(ps, 14, i.dueAt());
        Jdbc.setInstant(ps, 15, i.createdAt());
        Jdbc.setInstant(ps, 16, i.updatedAt());
        if (i.resultingRevision() == null) {
            ps.setNull(17, Types.INTEGER);
        } else {
            ps.setInt(17, i.resultingRevision());
        }
    }

    private void insertEntries(Connection c, InboxItem item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + comments
                + " (item_id, position, at, author, text, visible_to_reporter) VALUES (?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ItemComment k : item.comments()) {
                ps.setString(1, item.id());
                ps.setInt(2, n++);
                Jdbc.setInstant(ps, 3, k.at());
                ps.setString(4, k.author());
                ps.setString(5, k.text());
                ps.setBoolean(6, k.visibleToReporter());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + events
                + " (item_id, position, at, actor, action, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (ItemEvent e : item.history()) {
                ps.setString(1, item.id());
                ps.setInt(2, n++);
                Jdbc.setInstant(ps, 3, e.at());
                ps.setString(4, e.actor());
                ps.setString(5, e.action().name());
                ps.setString(6, e.from() == null ? null : e.from().name());
                ps.setString(7, e.to() == null ? null : e.to().name());
                ps.setString(8, e.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Optional<InboxItem> item(String id) {
        return readItems("WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<InboxItem> items() {
        return readItems("", null);
    }

    /** The items matching {@code where} (with at most one string parameter), oldest first, whole. */
    private List<InboxItem> readItems(String where, @Nullable String parameter) {
        return jdbc.read("read the inbox items", c -> {
            Map<String, List<ItemComment>> commentsOf = new HashMap<>();
            Map<String, List<ItemEvent>> eventsOf = new HashMap<>();
            String sub = "SELECT id FROM " + items + " " + where;
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id, at, author, text, visible_to_reporter FROM "
                    + comments + " WHERE item_id IN (" + sub + ") ORDER BY item_id, position")) {
                bind(ps, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        commentsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ItemComment(
                                Jdbc.instant(rs, 2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT item_id, at, actor, action, from_state, to_state, "
                    + "detail FROM " + events + " WHERE item_id IN (" + sub + ") ORDER BY item_id, position")) {
                bind(ps, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        eventsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ItemEvent(
                                Jdbc.instant(rs, 2), rs.getString(3), ItemAction.valueOf(rs.getString(4)),
                                state(rs.getString(5)), state(rs.getString(6)), rs.getString(7)));
                    }
                }
            }
            List<InboxItem> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM " + items + " " + where
                    + " ORDER BY seq")) {
                bind(ps, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        Integer resulting = rs.getObject(17, Integer.class);
                        out.add(new InboxItem(id, rs.getLong(2), ItemKind.valueOf(rs.getString(3)),
                                ArticleId.of(rs.getString(4)), Locale.forLanguageTag(rs.getString(5)), rs.getInt(6),
                                FlagReason.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                                new Reporter(rs.getString(10), rs.getBoolean(11)), rs.getString(12),
                                ItemState.valueOf(rs.getString(13)), nullableInstant(rs, 14), Jdbc.instant(rs, 15),
                                Jdbc.instant(rs, 16), resulting,
                                commentsOf.getOrDefault(id, List.of()), eventsOf.getOrDefault(id, List.of())));
                    }
                }
            }
            return out;
        });
    }

    private static @Nullable ItemState state(@Nullable String name) {
        return name == null ? null : ItemState.valueOf(name);
    }

    private static void bind(PreparedStatement ps, @Nullable String parameter) throws SQLException {
        if (parameter != null) {
            ps.setString(1, parameter);
        }
    }

    @Override
    public List<InboxItem> viewerItems(String viewerKey) {
        noNul("viewerKey", viewerKey);
        return readItems("WHERE reporter_customer AND reporter = ?", viewerKey);
    }

    @Override
    public long eraseViewer(String viewerKey) {
        return jdbc.write("erase the inbox items of a viewer", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + items
                    + " WHERE reporter_customer AND reporter = ?")) {
                ps.setString(1, viewerKey);
                return (long) ps.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ category owners

    @Override
    public void putCategoryOwner(CategoryPath category, @Nullable String owner) {
        noNul("category", category.toString());
        jdbc.write("set the owner of the category " + category, c -> {
            if (owner == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + owners + " WHERE category = ?")) {
                    ps.setString(1, category.toString());
                    ps.executeUpdate();
                }
                return null;
            }
            noNul("owner", owner);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + owners + " (category, owner) VALUES (?, ?) "
                    + "ON CONFLICT (category) DO UPDATE SET owner = EXCLUDED.owner")) {
                ps.setString(1, category.toString());
                ps.setString(2, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<CategoryPath, String> categoryOwners() {
        return jdbc.read("read the categories' owners", c -> {
            Map<CategoryPath, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT category, owner FROM " + owners);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(CategoryPath.parse(rs.getString(1)), rs.getString(2));
                }
            }
            return Map.copyOf(out);
        });
    }

    // ------------------------------------------------------------------ learning paths

    @Override
    public void putPath(LearningPath path) {
        noNul("title", path.title());
        jdbc.write("save the learning path " + path.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + paths
                    + " (id, title, locale, articles, roles, teams) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
                    + "UPDATE SET title = EXCLUDED.title, locale = EXCLUDED.locale, articles = EXCLUDED.articles, "
                    + "roles = EXCLUDED.roles, teams = EXCLUDED.teams")) {
                ps.setString(1, path.id());
                ps.setString(2, path.title());
                ps.setString(3, path.locale().toLanguageTag());
                ps.setArray(4, c.createArrayOf("text", path.articles().stream().map(ArticleId::value).toArray()));
                ps.setArray(5, c.createArrayOf("text", path.roles().stream().map(Role::name).sorted().toArray()));
                ps.setArray(6, c.createArrayOf("text", path.teams().stream().sorted().toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean removePath(String id) {
        return jdbc.write("delete the learning path " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + paths + " WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<LearningPath> paths() {
        return jdbc.read("read the learning paths", c -> {
            List<LearningPath> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, title, locale, articles, roles, teams FROM "
                    + paths + " ORDER BY id COLLATE \"C\"");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<Role> roles = new LinkedHashSet<>();
                    strings(rs.getArray(5)).forEach(r -> roles.add(Role.of(r)));
                    out.add(new LearningPath(rs.getString(1), rs.getString(2), Locale.forLanguageTag(rs.getString(3)),
                            strings(rs.getArray(4)).stream().map(ArticleId::of).toList(), roles,
                            Set.copyOf(strings(rs.getArray(6)))));
                }
            }
            return out;
        });
    }

    @Override
    public void putTeam(Team team) {
        noNul("team", team.name());
        team.members().forEach(m -> noNul("members", m));
        jdbc.write("save the team " + team.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + teams + " (name, members) VALUES (?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET members = EXCLUDED.members")) {
                ps.setString(1, team.name());
                ps.setArray(2, c.createArrayOf("text", team.members().stream().sorted().toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Team> teams() {
        return jdbc.read("read the teams", c -> {
            List<Team> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, members FROM " + teams
                    + " ORDER BY name COLLATE \"C\"");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Team(rs.getString(1), Set.copyOf(strings(rs.getArray(2)))));
                }
            }
            return out;
        });
    }

    @Override
    public void putAcknowledgement(Acknowledgement a) {
        noNul("learner", a.learner());
        jdbc.write("record an acknowledgement of " + a.articleId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + acks
                    + " (learner, article_id, locale, revision, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (learner, "
                    + "article_id, locale) DO UPDATE SET revision = EXCLUDED.revision, at = EXCLUDED.at")) {
                ps.setString(1, a.learner());
                ps.setString(2, a.articleId().value());
                ps.setString(3, a.locale().toLanguageTag());
                ps.setInt(4, a.revision());
                Jdbc.setInstant(ps, 5, a.at());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Acknowledgement> acknowledgements() {
        return jdbc.read("read the acknowledgements", c -> {
            List<Acknowledgement> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT learner, article_id, locale, revision, at FROM "
                    + acks);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Acknowledgement(rs.getString(1), ArticleId.of(rs.getString(2)),
                            Locale.forLanguageTag(rs.getString(3)), rs.getInt(4), Jdbc.instant(rs, 5)));
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ support

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }

    private static void setNullableInstant(PreparedStatement ps, int index, @Nullable Instant at)
            throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            Jdbc.setInstant(ps, index, at);
        }
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void checkText(InboxItem i) {
        noNul("text", i.text());
        noNul("reporter", i.reporter().id());
        noNul("owner", i.owner());
        if (i.proposedBody() != null) {
            noNul("proposedBody", i.proposedBody());
        }
        i.comments().forEach(c -> noNul("comment", c.text()));
        i.history().forEach(e -> noNul("detail", e.detail()));
    }

    private static void noNul(String parameter, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidArgumentException(parameter, "must not contain U+0000, which PostgreSQL text cannot "
                    + "hold");
        }
    }

    @Override
    public void close() {
        jdbc.close();
    }
}
