package dev.savoir.kb.internal.gate;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.EditorialRulesException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.Violation;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.policy.EditorialRule;
import dev.savoir.kb.policy.PublishCandidate;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The publish gate: what a revision needs before readers may see it. A title (at most
 * {@value InputLimits#PUBLISH_MAX_TITLE} characters), a body, a summary of at most
 * {@value InputLimits#PUBLISH_MAX_SUMMARY} characters, a category, internal links ({@code kb:id}) that point to a
 * published article visible to at least the same readers, and the host's {@link EditorialRule}s. Every violation is
 * listed, not just the first. Runs on publish, on scheduling, and again when a scheduled publication comes due.
 *
 * <p>Pure: it reads other articles through the function it was given, and writes nothing.
 */
public final class PublishGate {
    private final Function<ArticleId, Optional<Article>> articles;
    private final ContentRenderer renderer;
    private final List<EditorialRule> rules;

    /**
     * @param articles looks up the targets of internal links
     * @param renderer finds the internal links of a body
     * @param rules the host's own rules, run after the built-in ones
     */
    public PublishGate(Function<ArticleId, Optional<Article>> articles, ContentRenderer renderer,
                       List<EditorialRule> rules) {
        this.articles = articles;
        this.renderer = renderer;
        this.rules = List.copyOf(rules);
    }

    /** Refuses {@code revision} of {@code article} with every violation, or returns if it may be published. */
    public void check(Article article, Revision revision) {
        List<Violation> v = violations(article, revision);
        if (!v.isEmpty()) {
            throw new EditorialRulesException(article.id(), revision.locale().toLanguageTag(), v);
        }
    }

    /** Every rule {@code revision} of {@code article} breaks; empty when it may be published. */
    public List<Violation> violations(Article article, Revision revision) {
        ArticleContent c = revision.content();
        List<Violation> v = new ArrayList<>();
        if (c.title().isBlank()) {
            v.add(new Violation("title", "a published article needs a title"));
        } else if (c.title().length() > InputLimits.PUBLISH_MAX_TITLE) {
            v.add(new Violation("title", "the title is " + c.title().length() + " characters; at most "
                    + InputLimits.PUBLISH_MAX_TITLE + " can be published"));
        }
        if (c.body().isBlank()) {
            v.add(new Violation("body", "a published article needs a body"));
        }
        if (c.summary().length() > InputLimits.PUBLISH_MAX_SUMMARY) {
            v.add(new Violation("summary", "the summary is " + c.summary().length() + " characters; at most "
                    + InputLimits.PUBLISH_MAX_SUMMARY + " can be published"));
        }
        if (article.category().segments().isEmpty()) {
            v.add(new Violation("category", "a published article needs a category"));
        }
        v.addAll(linkViolations(article, c.body()));
        PublishCandidate candidate = new PublishCandidate(article, revision.locale(), revision);
        for (EditorialRule rule : rules) {
            v.addAll(rule.check(candidate));
        }
        return v;
    }

    private List<Violation> linkViolations(Article a, String body) {
        BodyAnalysis analysis = renderer.analyze(body);
        List<Violation> v = new ArrayList<>();
        for (BodyAnalysis.InternalLink link : analysis.internalLinks()) {
            String target = link.target();
            if (!ArticleId.isValid(target)) {
                v.add(new Violation("links", "kb:" + target + " is not a valid article id"));
                continue;
            }
            ArticleId tid = ArticleId.of(target);
            if (tid.equals(a.id())) {
                continue;
            }
            Article t = articles.apply(tid).orElse(null);
            if (t == null) {
                v.add(new Violation("links", "kb:" + target + " links to an article that does not exist"));
            } else if (t.translations().values().stream().noneMatch(Translation::isLive)) {
                v.add(new Violation("links", "kb:" + target + " links to an article that is not published"));
            } else if (!a.visibility().isCoveredBy(t.visibility())) {
                v.add(new Violation("links", "kb:" + target + " is visible to " + describe(t.visibility())
                        + " but this article is visible to " + describe(a.visibility())
                        + ": its readers could not open the link"));
            }
        }
        return v;
    }

    /** A visibility in words, for messages and audit details. */
    public static String describe(Visibility v) {
        return switch (v.audience()) {
            case INTERNAL -> "internal viewers only";
            case PUBLIC -> "everyone";
            case SEGMENTS -> "segments " + v.segments();
        };
    }
}
