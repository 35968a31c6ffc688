package dev.savoir.kb.examples.spring;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Locales;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API for support agents and their tools (a CRM side panel, a chatbot, an LLM agent): search, agent assist
 * from a ticket, cited passages (with kb-semantic's embedder), votes and feedback, ticket links. Calls that name an
 * agent ({@code X-Agent} header) see internal articles; the host puts them behind its own authentication (Spring
 * Security, say) and takes the agent from the authenticated user instead of a header. Errors come back as JSON from
 * {@link ApiErrors}.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
class AgentApi {
    private final KnowledgeBase kb;
    private final HelpSearch helpSearch;

    AgentApi(KnowledgeBase kb, HelpSearch helpSearch) {
        this.kb = kb;
        this.helpSearch = helpSearch;
    }

    /** A hit as the API shows it. */
    record Hit(String id, String title, String snippet, String locale, String category, String url) {
        static Hit of(SearchHit h) {
            return new Hit(h.articleId().value(), h.title(), h.snippet(), h.locale().toLanguageTag(),
                    h.category().toString(), "/articles/" + h.articleId().value() + "?lang=" + h.locale().toLanguageTag());
        }
    }

    /** An agent-assist suggestion: the hit and the ticket's words that matched it. */
    record Suggestion(Hit hit, List<String> matchedTerms) {
    }

    /** A cited passage. */
    record Cited(String id, String title, String heading, String url, String text, float score) {
    }

    /** A ticket for agent assist. */
    record Ticket(String subject, String description, @Nullable String lang, @Nullable Integer limit) {
    }

    /** A vote on an article. */
    record Vote(boolean helpful, @Nullable VoteReason reason, @Nullable String comment, @Nullable String lang) {
    }

    /** A ticket resolved with an article. */
    record TicketLink(String ticketId) {
    }

    /**
     * Searches as a customer sees it, or as an internal viewer when an agent is named (drafts never appear).
     */
    @GetMapping("/search")
    List<Hit> search(@RequestParam String q, @RequestParam(defaultValue = "en") String lang,
                     @RequestHeader(name = "X-Agent", required = false) @Nullable String agent,
                     HttpServletRequest request, HttpServletResponse response) {
        Locale locale = Locales.parse(lang);
        String session = HelpCenterPages.session(request, response);
        if (agent == null) {
            return helpSearch.forCustomer(q, locale, session).stream().map(Hit::of).toList();
        }
        agent(agent);
        return kb.search(ViewerContext.internal(locale), SearchRequest.builder(q).limit(10).build(), session).hits()
                .stream().map(Hit::of).toList();
    }

    /** Agent assist: the articles that answer a ticket, from its subject and description. */
    @PostMapping(path = "/assist", consumes = "application/json")
    List<Suggestion> assist(@RequestHeader("X-Agent") String agent, @RequestBody Ticket ticket) {
        Locale locale = Locales.parse(ticket.lang() == null ? "en" : ticket.lang());
        List<AssistHit> hits = kb.suggestForTicket(agent(agent), locale, ticket.subject(), ticket.description(),
                ticket.limit() == null ? 5 : ticket.limit());
        return hits.stream().map(h -> new Suggestion(Hit.of(h.hit()), h.matchedTerms())).toList();
    }

    /**
     * The passages that answer a question, for an answer that cites them; 501 without an embedding model (declare
     * an {@code Embedder} bean, e.g. kb-semantic's {@code InJarModels.allMiniLmL6V2()}).
     */
    @GetMapping("/passages")
    List<Cited> passages(@RequestParam String q, @RequestParam(defaultValue = "en") String lang,
                         @RequestParam(defaultValue = "5") int limit) {
        List<Passage> found = kb.passages(ViewerContext.external(Locales.parse(lang)), q, limit);
        return found.stream().map(p -> new Cited(p.articleId().value(), p.title(), p.heading(), p.url(), p.text(),
                p.score())).toList();
    }

    /** A reader's vote (with a reason and a comment when it did not help), under the {@code sid} cookie. */
    @PostMapping(path = "/articles/{id}/votes", consumes = "application/json")
    FeedbackSummary vote(@PathVariable String id, @RequestBody Vote vote, HttpServletRequest request,
                         HttpServletResponse response) {
        ViewerContext viewer = ViewerContext.external(Locales.parse(vote.lang() == null ? "en" : vote.lang()));
        return kb.vote(viewer, HelpCenterPages.session(request, response), ArticleId.of(id), vote.helpful(),
                vote.reason(), vote.comment());
    }

    /** An article's feedback: views, votes, reasons, ticket links. */
    @GetMapping("/articles/{id}/feedback")
    FeedbackSummary feedback(@RequestHeader("X-Agent") String agent, @PathVariable String id) {
        agent(agent);
        return kb.feedback(ArticleId.of(id));
    }

    /** Records that the agent resolved a ticket with this article. */
    @PostMapping(path = "/articles/{id}/tickets", consumes = "application/json")
    FeedbackSummary linkTicket(@RequestHeader("X-Agent") String agent, @PathVariable String id,
                               @RequestBody TicketLink link) {
        return kb.linkTicket(agent(agent), ArticleId.of(id), link.ticketId());
    }

    private static Actor agent(String id) {
        return Actor.of(id, Role.AGENT);
    }
}
