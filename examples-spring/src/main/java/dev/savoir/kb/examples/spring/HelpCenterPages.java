package dev.savoir.kb.examples.spring;

import static dev.savoir.kb.examples.spring.Html.enc;
import static dev.savoir.kb.examples.spring.Html.esc;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleNotFoundException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Locales;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customers' help center: a search page with autocomplete and category facets, article pages (rendered and
 * sanitized by kb-markdown, with a table of contents and related articles) and a helpful / not-helpful vote. Every
 * request is served as an <em>external</em> viewer, so internal articles and drafts never appear; searches, clicks,
 * views and votes go to analytics under the {@code sid} cookie.
 */
@RestController
class HelpCenterPages {
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final KnowledgeBase kb;

    HelpCenterPages(KnowledgeBase kb) {
        this.kb = kb;
    }

    static ViewerContext customer(String lang) {
        try {
            return ViewerContext.external(Locales.parse(lang));
        } catch (ValidationException e) {
            return ViewerContext.external(Locale.ENGLISH);
        }
    }

    /** The host's session id for a reader: the {@code sid} cookie, set when missing. */
    static String session(HttpServletRequest request, HttpServletResponse response) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals("sid") && c.getValue().matches("[a-f0-9-]{1,64}")) {
                    return c.getValue();
                }
            }
        }
        String sid = UUID.randomUUID().toString();
        Cookie cookie = new Cookie("sid", sid);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return sid;
    }

    @GetMapping("/")
    ResponseEntity<String> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "en") String lang,
                                  HttpServletRequest request, HttpServletResponse response) {
        ViewerContext viewer = customer(lang);
        String session = session(request, response);
        StringBuilder body = new StringBuilder();
        body.append("<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">")
                .append("<input type=\"hidden\" name=\"lang\" value=\"").append(esc(viewer.locale().toLanguageTag()))
                .append("\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"")
                .append(viewer.locale().getLanguage().equals("fr") ? "Comment pouvons-nous vous aider ?"
                        : "How can we help?")
                .append("\" value=\"").append(esc(q)).append("\" aria-label=\"Search\">")
                .append("<button id=\"go\" type=\"submit\">Search</button>")
                .append("<ul id=\"suggestions\" class=\"suggestions\"></ul></form>");
        if (!q.isBlank()) {
            SearchResponse r = kb.search(viewer, SearchRequest.builder(q).limit(10)
                    .facets(SearchRequest.Facet.CATEGORY).build(), session);
            body.append("<p class=\"count\" id=\"count\">").append(r.totalHits())
                    .append(r.totalHitsExact() ? "" : "+").append(r.totalHits() == 1 ? " result" : " results")
                    .append("</p>");
            if (r.didYouMean() != null) {
                body.append("<p class=\"dym\">Did you mean <a id=\"dym\" href=\"/?q=").append(enc(r.didYouMean()))
                        .append("&amp;lang=").append(enc(viewer.locale().toLanguageTag())).append("\">")
                        .append(esc(r.didYouMean())).append("</a>?</p>");
            }
            body.append("<ol class=\"results\" id=\"results\">");
            int pos = 1;
            for (SearchHit h : r.hits()) {
                body.append("<li class=\"result\"><a class=\"result-link\" data-id=\"").append(esc(h.articleId().value()))
                        .append("\" href=\"/click?q=").append(enc(q)).append("&amp;id=").append(enc(h.articleId().value()))
                        .append("&amp;pos=").append(pos++).append("&amp;lang=").append(enc(h.locale().toLanguageTag()))
                        .append("\">").append(esc(h.title())).append("</a><p class=\"snippet\">")
                        .append(Html.highlight(h)).append("</p><p class=\"meta\">")
                        .append(esc(h.category().toString())).append("</p></li>");
            }
            body.append("</ol>");
            List<FacetCount> categories = r.facet(SearchRequest.Facet.CATEGORY);
            if (!categories.isEmpty()) {
                body.append("<aside class=\"facets\"><h2>Categories</h2><ul>");
                for (FacetCount f : categories) {
                    body.append("<li>").append(esc(f.value())).append(" <span>").append(f.count()).append("</span></li>");
                }
                body.append("</ul></aside>");
            }
        }
        return html(HttpStatus.OK, Html.page("Help center", body.toString(), viewer.locale()));
    }

    @GetMapping("/click")
    ResponseEntity<String> click(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String id,
                                 @RequestParam(defaultValue = "1") int pos, @RequestParam(defaultValue = "en") String lang,
                                 HttpServletRequest request, HttpServletResponse response) {
        ViewerContext viewer = customer(lang);
        if (!ArticleId.isValid(id)) {
            return notFound(viewer);
        }
        kb.analytics().recordClick(session(request, response), viewer, q, ArticleId.of(id), Math.max(1, pos));
        return redirect("/articles/" + enc(id) + "?lang=" + enc(viewer.locale().toLanguageTag()));
    }

    @GetMapping("/articles/{id}")
    ResponseEntity<String> article(@PathVariable String id, @RequestParam(defaultValue = "en") String lang,
                                   @RequestParam(required = false) String voted,
                                   HttpServletRequest request, HttpServletResponse response) {
        ViewerContext viewer = customer(lang);
        RenderedArticle r = ArticleId.isValid(id) ? kb.render(viewer, ArticleId.of(id)).orElse(null) : null;
        if (r == null) {
            return notFound(viewer);
        }
        ArticleId aid = ArticleId.of(id);
        kb.recordView(viewer, session(request, response), aid);
        String l = enc(viewer.locale().toLanguageTag());
        StringBuilder body = new StringBuilder();
        body.append("<article><p class=\"meta\">").append(esc(r.article().category().toString()))
                .append("</p><h1 id=\"title\">").append(esc(r.article().content().title())).append("</h1>");
        if (r.html().toc().size() > 1) {
            body.append("<nav class=\"toc\" id=\"toc\"><h2>On this page</h2><ul>");
            for (RenderedArticle.Heading h : r.html().toc()) {
                body.append("<li class=\"level-").append(h.level()).append("\"><a href=\"#").append(esc(h.anchor()))
                        .append("\">").append(esc(h.text())).append("</a></li>");
            }
            body.append("</ul></nav>");
        }
        body.append("<div class=\"body\" id=\"body\">").append(r.html().html()).append("</div></article>")
                .append("<section class=\"vote\" id=\"vote\">");
        if (voted != null) {
            body.append("<p id=\"thanks\">Thanks for your feedback!</p>");
        } else {
            body.append("<form method=\"post\" action=\"/articles/").append(enc(id)).append("/vote?lang=").append(l)
                    .append("\"><span>Was this helpful?</span>")
                    .append("<button id=\"yes\" name=\"helpful\" value=\"yes\">Yes</button>")
                    .append("<button id=\"no\" name=\"helpful\" value=\"no\">No</button></form>");
        }
        body.append("</section>");
        List<SearchHit> related = kb.related(viewer, aid, 5);
        if (!related.isEmpty()) {
            body.append("<aside class=\"related\" id=\"related\"><h2>Related articles</h2><ul>");
            for (SearchHit h : related) {
                body.append("<li><a href=\"/articles/").append(enc(h.articleId().value())).append("?lang=").append(l)
                        .append("\">").append(esc(h.title())).append("</a></li>");
            }
            body.append("</ul></aside>");
        }
        return html(HttpStatus.OK, Html.page(r.article().content().title(), body.toString(), viewer.locale()));
    }

    @PostMapping("/articles/{id}/vote")
    ResponseEntity<String> vote(@PathVariable String id, @RequestParam(defaultValue = "") String helpful,
                                @RequestParam(defaultValue = "en") String lang,
                                HttpServletRequest request, HttpServletResponse response) {
        ViewerContext viewer = customer(lang);
        if (!ArticleId.isValid(id)) {
            return notFound(viewer);
        }
        try {
            kb.vote(viewer, session(request, response), ArticleId.of(id), helpful.equals("yes"), null, null);
        } catch (ArticleNotFoundException e) {
            return notFound(viewer);
        }
        return redirect("/articles/" + enc(id) + "?voted=1&lang=" + enc(viewer.locale().toLanguageTag()));
    }

    @GetMapping(value = "/api/autocomplete", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, String>> autocomplete(@RequestParam(defaultValue = "") String q,
                                           @RequestParam(defaultValue = "en") String lang) {
        if (q.isBlank() || q.length() > 100) {
            return List.of();
        }
        return kb.autocomplete(customer(lang), q, 8).stream().map(HelpCenterPages::suggestion).toList();
    }

    private static Map<String, String> suggestion(Suggestion s) {
        return s.articleId() == null ? Map.of("text", s.text()) : Map.of("text", s.text(), "id", s.articleId().value());
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<String> badRequest(ValidationException e) {
        return html(HttpStatus.BAD_REQUEST, Html.page("Bad request", "<p>" + esc(e.getMessage()) + "</p>",
                Locale.ENGLISH));
    }

    private static ResponseEntity<String> notFound(ViewerContext viewer) {
        return html(HttpStatus.NOT_FOUND, Html.page("Not found",
                "<p>No such article. <a href=\"/\">Search the help center</a>.</p>", viewer.locale()));
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).body(page);
    }

    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
    }
}
