package dev.savoir.kb.examples;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.inbox.FlagReason;
import dev.savoir.kb.inbox.Inbox;
import dev.savoir.kb.inbox.InboxBacklog;
import dev.savoir.kb.inbox.InboxItem;
import dev.savoir.kb.inbox.ItemRequest;
import dev.savoir.kb.inbox.OwnerBacklog;
import dev.savoir.kb.learning.LearnerProgress;
import dev.savoir.kb.learning.LearningPath;
import dev.savoir.kb.learning.LearningPaths;
import dev.savoir.kb.learning.PathCompletion;
import dev.savoir.kb.learning.Team;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The README's "Feedback inbox" and "Learning paths" sections, run on the sample knowledge base: a customer suggests
 * an edit that its owner accepts as a draft, and agents of a team read a learning path, one of whose articles then
 * changes materially.
 */
public final class InboxAndLearning {
    static final ArticleId RESET = ArticleId.of("reset-password");
    static final ArticleId ESCALATE = ArticleId.of("escalate-to-tier-2");
    static final ArticleId VERIFY = ArticleId.of("verify-caller-identity");
    static final Actor CAMILLE = Actor.of("camille.durand@lumo.example", Role.AUTHOR, Role.PUBLISHER);
    static final Actor NADIA = Actor.of("nadia.benali@lumo.example", Role.AUTHOR, Role.REVIEWER, Role.PUBLISHER);

    private InboxAndLearning() {
    }

    /** What the inbox example leaves: the customer's view of its items, and the backlog. */
    record InboxResult(InboxItem accepted, List<InboxItem> customersItems, InboxBacklog backlog,
                       List<OwnerBacklog> perOwner) {
    }

    /** The README's inbox example. */
    static InboxResult inbox(KnowledgeBase kb) {
        Actor owner = CAMILLE;
        // tag::inbox[]
        Inbox inbox = kb.inbox();
        // A customer suggests a fix to the published revision it reads (revision 1).
        InboxItem suggestion = inbox.submit(ViewerContext.external(Locale.ENGLISH), "visitor-42",
                ItemRequest.suggestEdit(ArticleId.of("reset-password"), Locale.ENGLISH, 1, FlagReason.OUTDATED,
                        "The menu is now called Security", "Open **Settings > Security** and choose *Reset*."));
        // An agent flags another article. Both go to the articles' owners (or their categories' owners).
        inbox.submit(Actor.of("ann", Role.AGENT), ItemRequest.flag(ArticleId.of("escalate-to-tier-2"),
                FlagReason.INCORRECT, "Tier 2 no longer takes calls after 20:00"));
        // The owner accepts the suggestion: a draft revision with the proposed body, based on revision 1.
        InboxItem accepted = inbox.accept(owner, suggestion.id(), "Thanks, fixing today");
        inbox.comment(owner, suggestion.id(), "Fixed: the new version goes live tomorrow", true);
        // The customer sees its own items only, with the replies meant for it.
        List<InboxItem> mine = inbox.itemsOf("visitor-42");
        // Knowledge managers watch the backlog: pending, overdue, median age, per owner.
        InboxBacklog backlog = inbox.backlog();
        List<OwnerBacklog> perOwner = inbox.backlogByOwner();
        // end::inbox[]
        return new InboxResult(accepted, mine, backlog, perOwner);
    }

    /** The README's learning paths example: the standing of the path's learners after a material change. */
    static List<LearnerProgress> learningPaths(KnowledgeBase kb) {
        Actor manager = NADIA;
        // tag::learning-paths[]
        LearningPaths paths = kb.learningPaths();
        paths.saveTeam(manager, new Team("tier-1", Set.of("ann", "bob")));
        paths.save(manager, new LearningPath("tier-1-basics", "Tier 1 basics", Locale.ENGLISH,
                List.of(ArticleId.of("verify-caller-identity"), ArticleId.of("escalate-to-tier-2")),
                Set.of(Role.AGENT), Set.of("tier-1")));
        // Ann reads what her path asks for, and acknowledges each published revision.
        Actor ann = Actor.of("ann", Role.AGENT);
        for (ArticleId id : paths.assignments(ann).getFirst().toRead()) {
            int published = kb.read(ViewerContext.internal(Locale.ENGLISH), id).orElseThrow().revision();
            paths.acknowledge(ann, id, Locale.ENGLISH, published);
        }
        // A typo fix marked minor keeps her acknowledgement; a material change makes it lapse.
        ArticleId escalate = ArticleId.of("escalate-to-tier-2");
        int latest = kb.article(manager, escalate).translation(Locale.ENGLISH).orElseThrow().latestRevision();
        Revision change = kb.edit(manager, escalate, Locale.ENGLISH, latest,
                kb.revision(manager, escalate, Locale.ENGLISH, latest).content()
                        .withSummary("When and how to hand a case to tier 2 (new hours)."),
                "Tier 2 hours changed", false);
        kb.submitForReview(manager, escalate, Locale.ENGLISH, change.number());
        kb.approve(manager, escalate, Locale.ENGLISH, change.number());
        kb.publish(manager, escalate, Locale.ENGLISH, change.number());
        List<LearnerProgress> whoIsUpToDate = paths.progress("tier-1-basics");
        List<PathCompletion> completion = paths.completionByPath();
        // end::learning-paths[]
        return whoIsUpToDate;
    }

    /** Runs both examples on {@code kb} (the sample knowledge base) and prints what a demo shows. */
    public static void print(KnowledgeBase kb, PrintStream out) {
        InboxResult r = inbox(kb);
        out.printf("Suggested edit %s by a customer: %s, draft revision %d of %s%n", r.accepted().id(),
                r.accepted().state(), r.accepted().resultingRevision(), r.accepted().articleId());
        out.printf("The customer sees %d item(s); replies: %s%n", r.customersItems().size(),
                r.customersItems().getFirst().comments().stream().map(c -> c.text()).toList());
        out.printf("Backlog: %d pending, %d overdue, median age %s%n", r.backlog().pending(), r.backlog().overdue(),
                r.backlog().medianAge());
        for (OwnerBacklog o : r.perOwner()) {
            out.printf("    %-30s %d pending%n", o.owner(), o.pending());
        }
        for (LearnerProgress p : learningPaths(kb)) {
            out.printf("Learning path %s, %s: %.0f%% up to date, to read: %s%n", p.pathId(), p.learner(),
                    p.percent(), p.toRead());
        }
        for (PathCompletion c : kb.learningPaths().completionByPath()) {
            out.printf("Completion of %s: %.0f%% over %d learner(s)%n", c.pathId(), c.percent(), c.learners());
        }
    }
}
