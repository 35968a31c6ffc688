package dev.savoir.kb.internal.workflow;

import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.internal.Json;
import dev.savoir.kb.internal.JsonLinesLog;
import dev.savoir.kb.internal.workflow.WorkflowLines.Line;
import dev.savoir.kb.learning.Acknowledgement;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.Team;
import dev.savoir.kb.spi.WorkflowStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link WorkflowStore}: an append-only log of JSON lines ({@code workflow/workflow.log}, see
 * {@link WorkflowLines}) replayed into memory on open, or memory only. Every write is appended and fsynced before it
 * is applied in memory and the call returns; a torn last line (a crash during a write) is cut off on open, so a crash
 * loses at most the write that was under way, never an acknowledged one. An item is logged whole at each version;
 * when the log holds more than twice the lines of what it describes, opening rewrites it compacted (into a
 * temporary file, synced, then renamed over it). Thread-safe (synchronized).
 */
public final class FileWorkflowStore implements WorkflowStore {
    private static final int COMPACT_SLACK = 1_000;

    private final Map<String, InboxItem> items = new LinkedHashMap<>();
    private final Map<CategoryPath, String> owners = new LinkedHashMap<>();
    private final Map<String, LearningPath> paths = new TreeMap<>();
    private final Map<String, Team> teams = new TreeMap<>();
    private final Map<String, Acknowledgement> acks = new LinkedHashMap<>();
    private final @Nullable Path file;
    private @Nullable JsonLinesLog log;
    private boolean closed;

    /** @param directory where the log lives, or {@code null} to keep everything in memory only */
    public FileWorkflowStore(@Nullable Path directory) {
        this.file = directory == null ? null : directory.resolve("workflow.log");
        if (file != null) {
            this.log = new JsonLinesLog(file);
            long lines = log.replay(Line.class, this::apply);
            long live = items.size() + owners.size() + paths.size() + teams.size() + acks.size();
            if (lines > 2 * live + COMPACT_SLACK) {
                compact();
            }
        }
    }

    private void apply(Line l) {
        switch (l.kind()) {
            case "item" -> {
                InboxItem i = required(l.item(), l).toApi();
                items.put(i.id(), i);
            }
            case "owner" -> {
                CategoryPath c = CategoryPath.parse(required(l.category(), l));
                if (l.owner() == null) {
                    owners.remove(c);
                } else {
                    owners.put(c, l.owner());
                }
            }
            case "path" -> {
                LearningPath p = required(l.path(), l).toApi();
                paths.put(p.id(), p);
            }
            case "path-removed" -> paths.remove(required(l.key(), l));
            case "team" -> {
                Team t = required(l.team(), l).toApi();
                teams.put(t.name(), t);
            }
            case "ack" -> {
                Acknowledgement a = required(l.ack(), l).toApi();
                acks.put(ackKey(a), a);
            }
            default -> throw new IllegalArgumentException("unknown kind of line \"" + l.kind() + "\"");
        }
    }

    private static <T> T required(@Nullable T value, Line l) {
        if (value == null) {
            throw new IllegalArgumentException("a line of kind \"" + l.kind() + "\" lacks its value");
        }
        return value;
    }

    private static String ackKey(Acknowledgement a) {
        return a.learner() + '\u0000' + a.articleId().value() + '\u0000' + a.locale().toLanguageTag();
    }

    /** Appends and syncs one line (nothing for a store in memory); the caller applies it after. */
    private void write(Line line) {
        if (closed) {
            throw new StoreException("the workflow store is closed");
        }
        if (log != null) {
            log.append(line);
            log.sync();
        }
    }

    @Override
    public synchronized void insertItem(InboxItem item) {
        if (items.containsKey(item.id())) {
            throw new StoreException("an inbox item " + item.id() + " exists already");
        }
        write(Line.item(item));
        items.put(item.id(), item);
    }

    @Override
    public synchronized boolean replaceItem(InboxItem item) {
        InboxItem stored = items.get(item.id());
        if (stored == null || stored.version() != item.version() - 1) {
            return false;
        }
        write(Line.item(item));
        items.put(item.id(), item);
        return true;
    }

    @Override
    public synchronized Optional<InboxItem> item(String id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public synchronized List<InboxItem> items() {
        return List.copyOf(items.values());
    }

    @Override
    public synchronized void putCategoryOwner(CategoryPath category, @Nullable String owner) {
        write(Line.owner(category, owner));
        if (owner == null) {
            owners.remove(category);
        } else {
            owners.put(category, owner);
        }
    }

    @Override
    public synchronized Map<CategoryPath, String> categoryOwners() {
        return Map.copyOf(owners);
    }

    @Override
    public synchronized void putPath(LearningPath path) {
        write(Line.path(path));
        paths.put(path.id(), path);
    }

    @Override
    public synchronized boolean removePath(String id) {
        if (!paths.containsKey(id)) {
            return false;
        }
        write(Line.pathRemoved(id));
        paths.remove(id);
        return true;
    }

    @Override
    public synchronized List<LearningPath> paths() {
        return List.copyOf(paths.values());
    }

    @Override
    public synchronized void putTeam(Team team) {
        write(Line.team(team));
        teams.put(team.name(), team);
    }

    @Override
    public synchronized List<Team> teams() {
        return List.copyOf(teams.values());
    }

    @Override
    public synchronized void putAcknowledgement(Acknowledgement acknowledgement) {
        write(Line.ack(acknowledgement));
        acks.put(ackKey(acknowledgement), acknowledgement);
    }

    @Override
    public synchronized List<Acknowledgement> acknowledgements() {
        return List.copyOf(acks.values());
    }

    @Override
    public synchronized List<InboxItem> viewerItems(String viewerKey) {
        return items.values().stream().filter(i -> submittedBy(i, viewerKey)).toList();
    }

    private static boolean submittedBy(InboxItem item, String viewerKey) {
        return item.reporter().customer() && item.reporter().id().equals(viewerKey);
    }

    @Override
    public synchronized long eraseViewer(String viewerKey) {
        List<String> gone = items.values().stream()
                .filter(i -> submittedBy(i, viewerKey))
                .map(InboxItem::id).toList();
        if (gone.isEmpty()) {
            return 0;
        }
        if (log != null) {
            log.close();
            log = null;
            try {
                JsonLinesLog.rewrite(file, Line.class, l -> l.item() == null || !l.item().customer()
                        || !l.item().reporter().equals(viewerKey));
            } finally {
                reopenLog();
            }
        }
        gone.forEach(items::remove);
        return gone.size();
    }

    private void reopenLog() {
        log = new JsonLinesLog(file);
        log.replay(Line.class, l -> { });
    }

    /** Rewrites the log as the lines of what it describes now: a temporary file, synced, renamed over the log. */
    private void compact() {
        List<Line> lines = new ArrayList<>();
        items.values().forEach(i -> lines.add(Line.item(i)));
        owners.forEach((c, o) -> lines.add(Line.owner(c, o)));
        paths.values().forEach(p -> lines.add(Line.path(p)));
        teams.values().forEach(t -> lines.add(Line.team(t)));
        acks.values().forEach(a -> lines.add(Line.ack(a)));
        log.close();
        log = null;
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Line l : lines) {
                    out.write(Json.mapper().writeValueAsString(l));
                    out.write('\n');
                }
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new StoreException("cannot compact " + file + ": " + e.getMessage(), e);
        } finally {
            reopenLog();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (log != null) {
            log.close();
        }
    }
}
