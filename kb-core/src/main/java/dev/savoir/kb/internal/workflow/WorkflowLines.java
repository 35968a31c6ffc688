package dev.savoir.kb.internal.workflow;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.Role;
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
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lines of the workflow log, written by Jackson from these internal records only: the API values are mapped
 * field by field here, enum constants by their names, so that renaming an API record component does not change the
 * file. One line: {@code {"kind": "item" | "owner" | "path" | "path-removed" | "team" | "ack", ...}} with the one
 * field its kind names.
 */
final class WorkflowLines {
    private WorkflowLines() {
    }

    /** One line of the log. */
    record Line(String kind, @Nullable ItemLine item, @Nullable String category, @Nullable String owner,
                @Nullable PathLine path, @Nullable TeamLine team, @Nullable AckLine ack, @Nullable String key) {
        static Line item(InboxItem i) {
            return new Line("item", ItemLine.of(i), null, null, null, null, null, null);
        }

        static Line owner(CategoryPath category, @Nullable String owner) {
            return new Line("owner", null, category.toString(), owner, null, null, null, null);
        }

        static Line path(LearningPath p) {
            return new Line("path", null, null, null, PathLine.of(p), null, null, null);
        }

        static Line pathRemoved(String id) {
            return new Line("path-removed", null, null, null, null, null, null, id);
        }

        static Line team(Team t) {
            return new Line("team", null, null, null, null, new TeamLine(t.name(), List.copyOf(t.members())), null,
                    null);
        }

        static Line ack(Acknowledgement a) {
            return new Line("ack", null, null, null, null, null, new AckLine(a.learner(), a.articleId().value(),
                    a.locale().toLanguageTag(), a.revision(), a.at()), null);
        }
    }

    /** An inbox item. */
    record ItemLine(String id, long version, String kind, String article, String locale, int revision, String reason,
                    String text, @Nullable String proposedBody, String reporter, boolean customer, String owner,
                    String state, @Nullable Instant dueAt, Instant createdAt, Instant updatedAt,
                    @Nullable Integer resultingRevision, List<CommentLine> comments, List<EventLine> history) {
        static ItemLine of(InboxItem i) {
            return new ItemLine(i.id(), i.version(), i.kind().name(), i.articleId().value(),
                    i.locale().toLanguageTag(), i.revision(), i.reason().name(), i.text(), i.proposedBody(),
                    i.reporter().id(), i.reporter().customer(), i.owner(), i.state().name(), i.dueAt(),
                    i.createdAt(), i.updatedAt(), i.resultingRevision(),
                    i.comments().stream().map(c -> new CommentLine(c.at(), c.author(), c.text(),
                            c.visibleToReporter())).toList(),
                    i.history().stream().map(e -> new EventLine(e.at(), e.actor(), e.action().name(),
                            e.from() == null ? null : e.from().name(), e.to() == null ? null : e.to().name(),
                            e.detail())).toList());
        }

        InboxItem toApi() {
            return new InboxItem(id, version, ItemKind.valueOf(kind), ArticleId.of(article),
                    Locale.forLanguageTag(locale), revision, FlagReason.valueOf(reason), text, proposedBody,
                    new Reporter(reporter, customer), owner, ItemState.valueOf(state), dueAt, createdAt, updatedAt,
                    resultingRevision,
                    comments == null ? List.of() : comments.stream().map(c -> new ItemComment(c.at(), c.author(),
                            c.text(), c.visible())).toList(),
                    history == null ? List.of() : history.stream().map(e -> new ItemEvent(e.at(), e.actor(),
                            ItemAction.valueOf(e.action()), e.from() == null ? null : ItemState.valueOf(e.from()),
                            e.to() == null ? null : ItemState.valueOf(e.to()), e.detail())).toList());
        }
    }

    /** A comment of an item. */
    record CommentLine(Instant at, String author, String text, boolean visible) {
    }

    /** An entry of an item's audit trail. */
    record EventLine(Instant at, String actor, String action, @Nullable String from, @Nullable String to,
                     String detail) {
    }

    /** A learning path. */
    record PathLine(String id, String title, String locale, List<String> articles, List<String> roles,
                    List<String> teams) {
        static PathLine of(LearningPath p) {
            return new PathLine(p.id(), p.title(), p.locale().toLanguageTag(),
                    p.articles().stream().map(ArticleId::value).toList(),
                    p.roles().stream().map(Role::name).sorted().toList(), p.teams().stream().sorted().toList());
        }

        LearningPath toApi() {
            Set<Role> r = new LinkedHashSet<>();
            roles.forEach(n -> r.add(Role.of(n)));
            return new LearningPath(id, title, Locale.forLanguageTag(locale),
                    articles.stream().map(ArticleId::of).toList(), r, Set.copyOf(teams));
        }
    }

    /** A team. */
    record TeamLine(String name, List<String> members) {
        Team toApi() {
            return new Team(name, Set.copyOf(members));
        }
    }

    /** A read acknowledgement. */
    record AckLine(String learner, String article, String locale, int revision, Instant at) {
        Acknowledgement toApi() {
            return new Acknowledgement(learner, ArticleId.of(article), Locale.forLanguageTag(locale), revision, at);
        }
    }
}
