package dev.savoir.kb.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Spring Boot help center and agents' API with Spring's own test support: the application as it starts (the
 * starter's knowledge base, the sample imported), driven through MockMvc.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SpringHelpCenterTest {
    /** Internal procedures and drafts of the sample: a customer must never see them. */
    static final List<String> HIDDEN = List.of("refund-over-100-eur-approval", "verify-caller-identity",
            "escalate-to-tier-2", "script-late-delivery", "student-discount", "installer-bulk-activation",
            "legacy-starter-plan");

    @DynamicPropertySource
    static void folder(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("savoir-spring-test");
        registry.add("savoir.folder", () -> dir.resolve("kb").toString());
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    KnowledgeBase kb;

    @Test
    void scriptAndStyleSheet_areTheExamplesJarsOneCopy_servedAsStaticResources() throws Exception {
        String js = mvc.perform(get("/app.js")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        String css = mvc.perform(get("/style.css")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        try (var jsIn = getClass().getResourceAsStream("/META-INF/resources/app.js");
             var cssIn = getClass().getResourceAsStream("/META-INF/resources/style.css")) {
            assertThat(js).isEqualTo(new String(jsIn.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("textContent");
            assertThat(css).isEqualTo(new String(cssIn.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(".kpis");
        }
        assertThat(getClass().getResource("/static/app.js")).as("no second copy").isNull();
    }

    @Test
    void searchPage_findsTheArticle_andSendsAStrictCsp() throws Exception {
        mvc.perform(get("/").param("q", "reset password").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("script-src 'self'")))
                .andExpect(content().string(Matchers.containsString("data-id=\"reset-password\"")));
    }

    @Test
    void articlePage_rendersSanitizedHtml_andVoteCounts() throws Exception {
        mvc.perform(get("/articles/reset-password").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<h1 id=\"title\">Reset your password</h1>")));
        long before = kb.feedback(ArticleId.of("reset-password")).helpful();
        mvc.perform(post("/articles/reset-password/vote").param("lang", "en").param("helpful", "yes"))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/articles/reset-password?voted=1&lang=en"));
        assertThat(kb.feedback(ArticleId.of("reset-password")).helpful()).isEqualTo(before + 1);
    }

    @Test
    void customers_neverSeeInternalArticles_onPagesOrTheApi() throws Exception {
        for (String hidden : HIDDEN) {
            mvc.perform(get("/articles/" + hidden)).andExpect(status().isNotFound());
        }
        String page = mvc.perform(get("/").param("q", "refund approval verify caller escalate"))
                .andReturn().getResponse().getContentAsString();
        String api = mvc.perform(get("/api/search").param("q", "refund approval verify caller escalate"))
                .andReturn().getResponse().getContentAsString();
        for (String hidden : HIDDEN) {
            assertThat(page).doesNotContain(hidden);
            assertThat(api).doesNotContain(hidden);
        }
    }

    @Test
    void api_search_asAnAgent_findsInternalProcedures() throws Exception {
        mvc.perform(get("/api/search").param("q", "verify caller identity").header("X-Agent", "agent@lumo.example"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("verify-caller-identity"))
                .andExpect(jsonPath("$[0].url").value("/articles/verify-caller-identity?lang=en"));
    }

    @Test
    void api_assist_suggestsArticlesForATicket() throws Exception {
        mvc.perform(post("/api/assist").header("X-Agent", "agent@lumo.example").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"subject": "Can't log in", "description": "Hi, I forgot my password and the reset \
                                email never arrives. Thanks, Anna", "lang": "en", "limit": 3}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].hit.id", Matchers.hasItem("reset-password")))
                .andExpect(jsonPath("$[0].matchedTerms").isArray());
        mvc.perform(post("/api/assist").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"x\", \"description\": \"y\"}"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value(
                        Matchers.containsString("X-Agent")));
    }

    @Test
    void api_passages_withoutAnEmbedder_say501() throws Exception {
        mvc.perform(get("/api/passages").param("q", "how do I reset my password"))
                .andExpect(status().isNotImplemented()).andExpect(jsonPath("$.error").isString());
    }

    @Test
    void api_votesFeedbackAndTickets() throws Exception {
        mvc.perform(post("/api/articles/hub-offline/votes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"helpful\": false, \"reason\": \"UNCLEAR\", \"comment\": \"Which LED?\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.notHelpful").value(Matchers.greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.reasons.UNCLEAR").value(Matchers.greaterThanOrEqualTo(1)));
        mvc.perform(post("/api/articles/hub-offline/tickets").header("X-Agent", "agent@lumo.example")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ticketId\": \"T-1001\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ticketLinks").value(Matchers.greaterThanOrEqualTo(1)));
        mvc.perform(get("/api/articles/hub-offline/feedback").header("X-Agent", "agent@lumo.example"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ticketLinks").value(Matchers.greaterThanOrEqualTo(1)));
        // a customer cannot vote on an internal procedure: it does not exist for them
        mvc.perform(post("/api/articles/verify-caller-identity/votes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"helpful\": true}")).andExpect(status().isNotFound());
        mvc.perform(post("/api/articles/Not%20An%20Id/votes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"helpful\": true}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").isString());
    }

    @Test
    void actuator_reportsTheKnowledgeBase() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.savoir.status").value("UP"))
                .andExpect(jsonPath("$.components.savoir.details.store.type").value("folder"))
                .andExpect(jsonPath("$.components.savoir.details.index.state").value("caught-up"));
        mvc.perform(get("/actuator/info")).andExpect(status().isOk())
                .andExpect(jsonPath("$.savoir.articles").value(kb.size()))
                .andExpect(jsonPath("$.savoir.version").isString());
    }
}
