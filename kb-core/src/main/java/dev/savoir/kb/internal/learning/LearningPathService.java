package dev.savoir.kb.internal.learning;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.LearningPathNotFoundException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.learning.Acknowledgement;
import dev.savoir.kb.learning.ItemProgress;
import dev.savoir.kb.learning.LearnerProgress;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.LearningPaths;
import dev.savoir.kb.learning.PathCompletion;
import dev.savoir.kb.learning.ReadState;
import dev.savoir.kb.learning.Team;
import dev.savoir.kb.learning.TeamCompletion;
import dev.savoir.kb.spi.WorkflowStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Learning paths: paths and teams kept in the {@link WorkflowStore}, acknowledgements checked against the store's
 * published revisions, and the standing of a learner computed when asked: an acknowledgement of revision {@code a}
 * stands for the published revision {@code p} when every revision in {@code (a, p]} is marked minor.
 */
public final class LearningPathService implements LearningPaths {
    private final KbContext kb;
    private final WorkflowStore store;

    public LearningPathService(KbContext kb, WorkflowStore store) {
        this.kb = kb;
        this.store = store;
    }

    @Override
    public LearningPath save(@Nullable Actor manager, @Nullable LearningPath path) {
        kb.requireOpen();
        Check.notNull("path", path);
        kb.permit(manager, Action.MANAGE_LEARNING, null);
        for (ArticleId id : path.articles()) {
            kb.load(id);
        }
        store.putPath(path);
        return path;
    }

    @Override
    public void delete(@Nullable Actor manager, @Nullable String pathId) {
        kb.requireOpen();
        Check.notNull("pathId", pathId);
        kb.permit(manager, Action.MANAGE_LEARNING, null);
        if (!store.removePath(pathId)) {
            throw notFound(pathId);
        }
    }

    private static LearningPathNotFoundException notFound(String pathId) {
        return new LearningPathNotFoundException("no learning path " + pathId);
    }

    @Override
    public List<LearningPath> paths() {
        kb.requireOpen();
        return store.paths();
    }

    @Override
    public LearningPath path(@Nullable String pathId) {
        kb.requireOpen();
        Check.notNull("pathId", pathId);
        return find(pathId).orElseThrow(() -> notFound(pathId));
    }

    private Optional<LearningPath> find(String pathId) {
        return store.paths().stream().filter(p -> p.id().equals(pathId)).findFirst();
    }

    @Override
    public Team saveTeam(@Nullable Actor manager, @Nullable Team team) {
        kb.requireOpen();
        Check.notNull("team", team);
        kb.permit(manager, Action.MANAGE_LEARNING, null);
        store.putTeam(team);
        return team;
    }

    @Override
    public List<Team> teams() {
        kb.requireOpen();
        return store.teams();
    }

    @Override
    public Acknowledgement acknowledge(@Nullable Actor learner, @Nullable ArticleId id, @Nullable Locale locale,
                                       int revision) {
        kb.requireOpen();
        Check.notNull("learner", learner);
        Locales.check(Check.notNull("locale", locale));
        Article article = kb.load(id);
        kb.permit(learner, Action.ACKNOWLEDGE, article);
        Translation t = KbContext.translationOf(article, locale);
        Integer published = t.publishedRevision();
        if (published == null) {
            throw new InvalidArgumentException("revision", id + " [" + locale.toLanguageTag() + "] has no published "
                    + "revision to acknowledge");
        }
        if (revision < 1 || revision > published) {
            throw new InvalidArgumentException("revision", "must be a revision readers saw, 1 to the published "
                    + published + " of " + id + " [" + locale.toLanguageTag() + "], got " + revision);
        }
        Acknowledgement ack = new Acknowledgement(learner.id(), id, locale, revision, kb.clock().instant());
        store.putAcknowledgement(ack);
        return ack;
    }

    @Override
    public List<LearnerProgress> assignments(@Nullable Actor learner) {
        kb.requireOpen();
        Check.notNull("learner", learner);
        Set<String> myTeams = new TreeSet<>();
        store.teams().stream().filter(t -> t.members().contains(learner.id())).forEach(t -> myTeams.add(t.name()));
        Standing standing = new Standing();
        return store.paths().stream()
                .filter(p -> p.roles().stream().anyMatch(learner::has) || p.teams().stream().anyMatch(myTeams::contains))
                .map(p -> standing.of(learner.id(), p)).toList();
    }

    @Override
    public List<LearnerProgress> progress(@Nullable String pathId) {
        LearningPath path = path(pathId);
        Standing standing = new Standing();
        return learners(path, store.teams()).stream().map(l -> standing.of(l, path)).toList();
    }

    /** The members of the path's teams and whoever acknowledged one of its articles, sorted. */
    private Set<String> learners(LearningPath path, List<Team> teams) {
        Set<String> out = new TreeSet<>();
        teams.stream().filter(t -> path.teams().contains(t.name())).forEach(t -> out.addAll(t.members()));
        Set<ArticleId> articles = Set.copyOf(path.articles());
        store.acknowledgements().stream()
                .filter(a -> articles.contains(a.articleId()) && a.locale().equals(path.locale()))
                .forEach(a -> out.add(a.learner()));
        return out;
    }

    @Override
    public List<PathCompletion> completionByPath() {
        kb.requireOpen();
        Standing standing = new Standing();
        List<Team> teams = store.teams();
        List<PathCompletion> out = new ArrayList<>();
        for (LearningPath p : store.paths()) {
            List<LearnerProgress> progress = learners(p, teams).stream().map(l -> standing.of(l, p)).toList();
            double percent = progress.stream().mapToDouble(LearnerProgress::percent).average().orElse(0);
            int complete = (int) progress.stream().filter(LearnerProgress::complete).count();
            out.add(new PathCompletion(p.id(), p.title(), progress.size(), complete, percent));
        }
        return out;
    }

    @Override
    public List<TeamCompletion> completionByTeam() {
        kb.requireOpen();
        Standing standing = new Standing();
        List<LearningPath> paths = store.paths();
        List<TeamCompletion> out = new ArrayList<>();
        for (Team t : store.teams()) {
            List<LearningPath> own = paths.stream().filter(p -> p.teams().contains(t.name())).toList();
            double sum = 0;
            int n = 0;
            for (String member : t.members()) {
                for (LearningPath p : own) {
                    sum += standing.of(member, p).percent();
                    n++;
                }
            }
            out.add(new TeamCompletion(t.name(), t.members().size(), own.size(), n == 0 ? 0 : sum / n));
        }
        return out;
    }

    /**
     * The standing of learners on paths, for one report: the acknowledgements and the revisions' minor marks are
     * read once and shared by every learner of the report.
     */
    private final class Standing {
        private final Map<String, Acknowledgement> acks = new HashMap<>();
        private final Map<String, Boolean> materialSince = new HashMap<>();
        private final Map<ArticleId, Optional<Article>> articles = new HashMap<>();

        Standing() {
            for (Acknowledgement a : store.acknowledgements()) {
                acks.put(key(a.learner(), a.articleId(), a.locale()), a);
            }
        }

        private static String key(String learner, ArticleId id, Locale locale) {
            return learner + '\u0000' + id.value() + '\u0000' + locale.toLanguageTag();
        }

        LearnerProgress of(String learner, LearningPath path) {
            List<ItemProgress> items = new ArrayList<>(path.articles().size());
            for (ArticleId id : path.articles()) {
                items.add(item(learner, id, path.locale()));
            }
            return new LearnerProgress(learner, path.id(), items);
        }

        private ItemProgress item(String learner, ArticleId id, Locale locale) {
            Translation t = articles.computeIfAbsent(id, k -> kb.store().article(k))
                    .map(a -> a.translations().get(locale)).orElse(null);
            Acknowledgement ack = acks.get(key(learner, id, locale));
            Integer acked = ack == null ? null : ack.revision();
            Integer published = t == null ? null : t.publishedRevision();
            if (published == null) {
                return new ItemProgress(id, null, acked, ReadState.NOT_PUBLISHED);
            }
            if (acked == null) {
                return new ItemProgress(id, published, null, ReadState.UNREAD);
            }
            boolean lapsed = acked < published && materialBetween(id, locale, acked, published);
            return new ItemProgress(id, published, acked, lapsed ? ReadState.LAPSED : ReadState.UP_TO_DATE);
        }

        /** Whether a revision in {@code (from, to]} is not marked minor (a missing one counts as material). */
        private boolean materialBetween(ArticleId id, Locale locale, int from, int to) {
            return materialSince.computeIfAbsent(id.value() + '\u0000' + locale.toLanguageTag() + '\u0000' + from
                    + '\u0000' + to, k -> {
                        for (int n = from + 1; n <= to; n++) {
                            Optional<Revision> r = kb.store().revision(id, locale, n);
                            if (r.isEmpty() || !r.get().minor()) {
                                return true;
                            }
                        }
                        return false;
                    });
        }
    }
}
