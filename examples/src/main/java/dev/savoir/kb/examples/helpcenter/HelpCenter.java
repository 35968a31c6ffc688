package dev.savoir.kb.examples.helpcenter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small self-service help center on the JDK's built-in HTTP server, no framework: a search page with
 * autocomplete, article pages (rendered and sanitized by kb-markdown, with a table of contents and related
 * articles), a helpful / not-helpful vote, and the customer's feedback inbox as JSON ({@code /api/inbox}, see
 * {@link InboxEndpoints}). Every request is served as an <em>external</em> viewer, so internal
 * articles and drafts never appear. Searches, clicks, views and votes go to the knowledge base's analytics.
 *
 * <p>Every page sends a strict Content-Security-Policy (no inline script, no third-party anything); all text is
 * HTML-escaped; article bodies are the renderer's sanitized HTML.
 */
public final class HelpCenter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HelpCenter.class);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Map<String, String> IMAGE_TYPES = Map.of("svg", "image/svg+xml", "png", "image/png",
            "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");

    private final KnowledgeBase kb;
    private final HttpServer server;
    private final ExecutorService pool;
    /** Article images by file name, from the attachments folder the Markdown import filled. */
    private final Map<String, Path> images;
    /** The knowledge manager the admin pages are shown as, or null when they are off. */
    private final @Nullable Actor manager;

    private HelpCenter(KnowledgeBase kb, HttpServer server, ExecutorService pool, Map<String, Path> images,
                       @Nullable Actor manager) {
        this.kb = kb;
        this.server = server;
        this.pool = pool;
        this.images = images;
        this.manager = manager;
    }

    /** Starts serving {@code kb} on the address (port 0 picks a free port), without article images. */
    public static HelpCenter start(KnowledgeBase kb, InetSocketAddress address) throws IOException {
        return start(kb, address, null);
    }

    /**
     * Starts serving {@code kb} on the address (port 0 picks a free port), serving the images that articles
     * reference as {@code images/NAME} from {@code attachments} (the folder a Markdown import copied them to).
     */
    public static HelpCenter start(KnowledgeBase kb, InetSocketAddress address, @Nullable Path attachments)
            throws IOException {
        return start(kb, address, attachments, null);
    }

    /**
     * As {@link #start(KnowledgeBase, InetSocketAddress, Path)}, with the admin pages ({@code /admin/kpis}: the KPI
     * report of the last 30 days with its chart, {@code /admin/kpis.json}) shown as {@code manager}. The example has
     * no login: put the admin pages behind the host's authentication, or leave {@code manager} null (404).
     */
    public static HelpCenter start(KnowledgeBase kb, InetSocketAddress address, @Nullable Path attachments,
                                   @Nullable Actor manager) throws IOException {
        Map<String, Path> images = new HashMap<>();
        if (attachments != null && Files.isDirectory(attachments)) {
            try (Stream<Path> files = Files.walk(attachments)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> IMAGE_TYPES.containsKey(extension(f.getFileName().toString())))
                        .forEach(f -> images.putIfAbsent(f.getFileName().toString(), f));
            }
        }
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        server.setExecutor(pool);
        HelpCenter hc = new HelpCenter(kb, server, pool, Map.copyOf(images), manager);
        server.createContext("/", hc::handle);
        server.start();
        LOG.info("Help center on {}", hc.url());
        return hc;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> q = query(ex);
            String session = session(ex);
            ViewerContext viewer = viewer(q);
            if (path.equals("/") && ex.getRequestMethod().equals("GET")) {
                searchPage(ex, viewer, q.getOrDefault("q", ""), session);
            } else if (path.equals("/inbox")) {
                inboxPage(ex, viewer, session);
            } else if (path.equals("/api/inbox")) {
                inbox(ex, viewer, session);
            } else if (path.equals("/api/autocomplete")) {
                autocomplete(ex, viewer, q.getOrDefault("q", ""));
            } else if (path.equals("/click")) {
                click(ex, viewer, q, session);
            } else if (path.startsWith("/articles/") && path.endsWith("/vote")
                    && ex.getRequestMethod().equals("POST")) {
                vote(ex, viewer, decode(path.substring("/articles/".length(), path.length() - "/vote".length())),
                        session);
            } else if (path.startsWith("/articles/images/") && ex.getRequestMethod().equals("GET")) {
                image(ex, decode(path.substring("/articles/images/".length())), viewer);
            } else if (path.startsWith("/articles/") && ex.getRequestMethod().equals("GET")) {
                articlePage(ex, viewer, decode(path.substring("/articles/".length())), session,
                        q.containsKey("voted"));
            } else if (path.startsWith("/admin/kpis") && manager != null && ex.getRequestMethod().equals("GET")) {
                kpis(ex, path.endsWith(".json"), q);
            } else if (path.equals("/app.js")) {
                send(ex, 200, "text/javascript", Assets.APP_JS);
            } else if (path.equals("/style.css")) {
                send(ex, 200, "text/css", Assets.STYLE_CSS);
            } else {
                page(ex, 404, "Not found", "<p>There is nothing here. <a href=\"/\">Search the help center</a>.</p>",
                        viewer);
            }
        } catch (ValidationException e) {
            page(ex, 400, "Bad request", "<p>" + esc(e.getMessage()) + "</p>", ViewerContext.external(Locale.ENGLISH));
        } catch (KbException e) {
            LOG.warn("Help center request failed: {}", e.getMessage());
            page(ex, 500, "Something went wrong", "<p>Please try again later.</p>",
                    ViewerContext.external(Locale.ENGLISH));
        } catch (RuntimeException e) {
            LOG.error("Help center request failed", e);
            page(ex, 500, "Something went wrong", "<p>Please try again later.</p>",
                    ViewerContext.external(Locale.ENGLISH));
        }
    }

    private static ViewerContext viewer(Map<String, String> q) {
        String lang = q.getOrDefault("lang", "en");
        Locale locale;
        try {
            locale = Locales.parse(lang);
        } catch (ValidationException e) {
            locale = Locale.ENGLISH;
        }
        return ViewerContext.external(locale);
    }

    // ------------------------------------------------------------------ pages

    private void searchPage(HttpExchange ex, ViewerContext viewer, String text, String session) throws IOException {
        StringBuilder body = new StringBuilder();
        body.append("<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">")
                .append("<input type=\"hidden\" name=\"lang\" value=\"").append(esc(viewer.locale().toLanguageTag()))
                .append("\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"")
                .append(viewer.locale().getLanguage().equals("fr") ? "Comment pouvons-nous vous aider ?"
                        : "How can we help?")
                .append("\" value=\"").append(esc(text)).append("\" aria-label=\"Search\">")
                .append("<button id=\"go\" type=\"submit\">Search</button>")
                .append("<ul id=\"suggestions\" class=\"suggestions\"></ul></form>");
        if (!text.isBlank()) {
            SearchResponse r = kb.search(viewer, SearchRequest.builder(text).limit(10)
                    .facets(SearchRequest.Facet.CATEGORY).build(), session);
            // Totals are exact here (facets count every match); beyond 1,000 without facets they are a lower bound.
            body.append("<p class=\"count\" id=\"count\">").append(r.totalHits())
                    .append(r.totalHitsExact() ? "" : "+").append(" result")
                    .append(r.totalHits() == 1 ? "" : "s").append("</p>");
            if (r.didYouMean() != null) {
                body.append("<p class=\"dym\">Did you mean <a id=\"dym\" href=\"/?q=")
                        .append(enc(r.didYouMean())).append("&amp;lang=").append(enc(viewer.locale().toLanguageTag()))
                        .append("\">").append(esc(r.didYouMean())).append("</a>?</p>");
            }
            body.append("<ol class=\"results\" id=\"results\">");
            int pos = 1;
            for (SearchHit h : r.hits()) {
                body.append("<li class=\"result\"><a class=\"result-link\" data-id=\"").append(esc(h.articleId().value()))
                        .append("\" href=\"/click?q=").append(enc(text)).append("&amp;id=")
                        .append(enc(h.articleId().value())).append("&amp;pos=").append(pos++).append("&amp;lang=")
                        .append(enc(h.locale().toLanguageTag())).append("\">").append(esc(h.title()))
                        .append("</a><p class=\"snippet\">").append(highlight(h)).append("</p><p class=\"meta\">")
                        .append(esc(h.category().toString())).append("</p></li>");
            }
            body.append("</ol>");
            List<FacetCount> categories = r.facet(SearchRequest.Facet.CATEGORY);
            if (!categories.isEmpty()) {
                body.append("<aside class=\"facets\"><h2>Categories</h2><ul>");
                for (FacetCount f : categories) {
                    body.append("<li>").append(esc(f.value())).append(" <span>").append(f.count())
                            .append("</span></li>");
                }
                body.append("</ul></aside>");
            }
        }
        page(ex, 200, "Help center", body.toString(), viewer);
    }

    private static String highlight(SearchHit h) {
        String s = h.snippet();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (SearchHit.Highlight hl : h.highlights()) {
            if (hl.start() < at || hl.end() > s.length() || hl.start() > hl.end()) {
                continue;
            }
            out.append(esc(s.substring(at, hl.start()))).append("<mark>").append(esc(s.substring(hl.start(),
                    hl.end()))).append("</mark>");
            at = hl.end();
        }
        return out.append(esc(s.substring(at))).toString();
    }

    private void articlePage(HttpExchange ex, ViewerContext viewer, String rawId, String session, boolean voted)
            throws IOException {
        if (!ArticleId.isValid(rawId)) {
            page(ex, 404, "Not found", "<p>No such article.</p>", viewer);
            return;
        }
        ArticleId id = ArticleId.of(rawId);
        RenderedArticle r = kb.render(viewer, id).orElse(null);
        if (r == null) {
            page(ex, 404, "Not found", "<p>No such article. <a href=\"/\">Search the help center</a>.</p>", viewer);
            return;
        }
        kb.recordView(viewer, session, id);
        String lang = enc(viewer.locale().toLanguageTag());
        StringBuilder body = new StringBuilder();
        body.append("<article><p class=\"meta\">").append(esc(r.article().category().toString()))
                .append("</p><h1 id=\"title\">").append(esc(r.article().content().title())).append("</h1>");
        if (r.html().toc().size() > 1) {
            body.append("<nav class=\"toc\" id=\"toc\"><h2>On this page</h2><ul>");
            for (RenderedArticle.Heading h : r.html().toc()) {
                body.append("<li class=\"level-").append(h.level()).append("\"><a href=\"#")
                        .append(esc(h.anchor())).append("\">").append(esc(h.text())).append("</a></li>");
            }
            body.append("</ul></nav>");
        }
        body.append("<div class=\"body\" id=\"body\">").append(r.html().html()).append("</div></article>");
        body.append("<section class=\"vote\" id=\"vote\">");
        if (voted) {
            body.append("<p id=\"thanks\">Thanks for your feedback!</p>");
        } else {
            body.append("<form method=\"post\" action=\"/articles/").append(enc(id.value())).append("/vote?lang=")
                    .append(lang).append("\"><span>Was this helpful?</span>")
                    .append("<button id=\"yes\" name=\"helpful\" value=\"yes\">Yes</button>")
                    .append("<button id=\"no\" name=\"helpful\" value=\"no\">No</button></form>");
        }
        body.append("</section>");
        body.append(InboxPage.reportForm(id.value(), viewer.locale().toLanguageTag()));
        List<SearchHit> related = kb.related(viewer, id, 5);
        if (!related.isEmpty()) {
            body.append("<aside class=\"related\" id=\"related\"><h2>Related articles</h2><ul>");
            for (SearchHit h : related) {
                body.append("<li><a href=\"/articles/").append(enc(h.articleId().value())).append("?lang=")
                        .append(lang).append("\">").append(esc(h.title())).append("</a></li>");
            }
            body.append("</ul></aside>");
        }
        page(ex, 200, r.article().content().title(), body.toString(), viewer);
    }

    private void vote(HttpExchange ex, ViewerContext viewer, String rawId, String session) throws IOException {
        Map<String, String> form = parse(new String(readBody(ex.getRequestBody()), StandardCharsets.UTF_8));
        if (!ArticleId.isValid(rawId)) {
            page(ex, 404, "Not found", "<p>No such article.</p>", viewer);
            return;
        }
        boolean helpful = "yes".equals(form.get("helpful"));
        try {
            kb.vote(viewer, session, ArticleId.of(rawId), helpful, null, null);
        } catch (dev.savoir.kb.ArticleNotFoundException e) {
            page(ex, 404, "Not found", "<p>No such article.</p>", viewer);
            return;
        }
        redirect(ex, "/articles/" + enc(rawId) + "?voted=1&lang=" + enc(viewer.locale().toLanguageTag()));
    }

    private void click(HttpExchange ex, ViewerContext viewer, Map<String, String> q, String session)
            throws IOException {
        String rawId = q.getOrDefault("id", "");
        if (!ArticleId.isValid(rawId)) {
            page(ex, 404, "Not found", "<p>No such article.</p>", viewer);
            return;
        }
        int pos;
        try {
            pos = Math.max(1, Integer.parseInt(q.getOrDefault("pos", "1")));
        } catch (NumberFormatException e) {
            pos = 1;
        }
        kb.analytics().recordClick(session, viewer, q.getOrDefault("q", ""), ArticleId.of(rawId), pos);
        redirect(ex, "/articles/" + enc(rawId) + "?lang=" + enc(viewer.locale().toLanguageTag()));
    }

    private void autocomplete(HttpExchange ex, ViewerContext viewer, String prefix) throws IOException {
        StringBuilder json = new StringBuilder("[");
        if (!prefix.isBlank() && prefix.length() <= 100) {
            List<Suggestion> suggestions = kb.autocomplete(viewer, prefix, 8);
            for (int i = 0; i < suggestions.size(); i++) {
                Suggestion s = suggestions.get(i);
                json.append(i == 0 ? "" : ",").append("{\"text\":").append(jsonString(s.text())).append(",\"id\":")
                        .append(s.articleId() == null ? "null" : jsonString(s.articleId().value())).append('}');
            }
        }
        send(ex, 200, "application/json", json.append(']').toString());
    }

    /** The customer's feedback inbox: its own items (GET), or a new flag (POST); see {@link InboxEndpoints}. */
    private void inbox(HttpExchange ex, ViewerContext viewer, String session) throws IOException {
        InboxEndpoints.Response r = ex.getRequestMethod().equals("POST")
                ? InboxEndpoints.flag(kb, viewer, session, parse(new String(readBody(ex.getRequestBody()),
                StandardCharsets.UTF_8)))
                : InboxEndpoints.list(kb, session);
        send(ex, r.status(), "application/json", r.json());
    }

    /** GET: the viewer's own reports (and, shown as the manager, open items per owner); POST: files a report. */
    private void inboxPage(HttpExchange ex, ViewerContext viewer, String session) throws IOException {
        if (ex.getRequestMethod().equals("POST")) {
            InboxEndpoints.Response r = InboxEndpoints.flag(kb, viewer, session, parse(new String(
                    readBody(ex.getRequestBody()), StandardCharsets.UTF_8)));
            if (r.status() != 201) {
                page(ex, r.status(), "Report not sent", "<p id=\"report-error\">Your report could not be sent: "
                        + esc(r.json()) + "</p>", viewer);
                return;
            }
            redirect(ex, "/inbox?lang=" + enc(viewer.locale().toLanguageTag()));
            return;
        }
        page(ex, 200, "Your reports", InboxPage.html(kb.inbox().itemsOf(session),
                manager == null ? null : kb.inbox().backlogByOwner()), viewer);
    }

    private void kpis(HttpExchange ex, boolean json, Map<String, String> q) throws IOException {
        int days;
        try {
            days = Math.clamp(Integer.parseInt(q.getOrDefault("days", "30")), 1, 366);
        } catch (NumberFormatException e) {
            days = 30;
        }
        java.time.Instant to = java.time.Instant.now();
        dev.savoir.kb.reports.KpiReport report = kb.learning().kpis(java.util.Objects.requireNonNull(manager),
                to.minus(java.time.Duration.ofDays(days)), to);
        if (json) {
            send(ex, 200, "application/json", report.toJson());
        } else {
            page(ex, 200, "Knowledge KPIs", KpiPage.html(report), ViewerContext.external(Locale.ENGLISH));
        }
    }

    private void image(HttpExchange ex, String name, ViewerContext viewer) throws IOException {
        Path file = images.get(name);
        if (file == null) {
            page(ex, 404, "Not found", "<p>No such image.</p>", viewer);
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", IMAGE_TYPES.get(extension(name)));
        h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "max-age=3600");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ plumbing

    private static void page(HttpExchange ex, int status, String title, String body, ViewerContext viewer)
            throws IOException {
        String html = "<!DOCTYPE html><html lang=\"" + esc(viewer.locale().toLanguageTag()) + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · Lumo Help Center</title><link rel=\"stylesheet\" href=\"/style.css\">"
                + "<script src=\"/app.js\" defer></script></head><body><header><a class=\"brand\" href=\"/?lang="
                + enc(viewer.locale().toLanguageTag()) + "\">Lumo Help Center</a>"
                + "<nav class=\"langs\"><a href=\"/?lang=en\">English</a> · <a href=\"/?lang=fr\">Français</a></nav>"
                + "</header><main>" + body + "</main></body></html>";
        send(ex, status, "text/html; charset=utf-8", html);
    }

    private static void send(HttpExchange ex, int status, String type, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(303, -1);
    }

    private static String session(HttpExchange ex) {
        String cookies = String.join(";", ex.getRequestHeaders().getOrDefault("Cookie", List.of()));
        for (String c : cookies.split(";")) {
            String t = c.strip();
            if (t.startsWith("sid=") && t.length() > 4 && t.length() <= 64 && t.substring(4).matches("[a-f0-9-]+")) {
                return t.substring(4);
            }
        }
        String sid = UUID.randomUUID().toString();
        ex.getResponseHeaders().add("Set-Cookie", "sid=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
        return sid;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(8_192);
        return b;
    }

    private static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : parse(raw);
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v.length() > 2_000 ? v.substring(0, 2_000) : v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** HTML-escapes text for element content and quoted attributes. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
