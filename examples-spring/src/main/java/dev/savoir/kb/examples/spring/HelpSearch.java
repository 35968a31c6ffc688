package dev.savoir.kb.examples.spring;

// tag::inject[]
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/** Searches the knowledge base the starter configured, as a customer of the help center sees it. */
@Service
public class HelpSearch {
    private final KnowledgeBase kb;

    public HelpSearch(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** The best published, public articles for what a customer typed, in their language or its fallback. */
    public List<SearchHit> forCustomer(String text, Locale locale, String sessionId) {
        return kb.search(ViewerContext.external(locale), SearchRequest.builder(text).limit(10).build(), sessionId)
                .hits();
    }
}
// end::inject[]
