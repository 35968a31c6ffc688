package dev.savoir.kb.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot help center in a real browser (Debian's Chromium, headless, through Selenium), on the
 * application's own Tomcat: search, open an article, vote, autocomplete; no internal article ever appears. As
 * {@code HelpCenterBrowserIT} in examples, whose {@code .ci/run} install of {@code chromium} and
 * {@code chromium-driver} this one shares.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringHelpCenterBrowserIT {
    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    KnowledgeBase kb;

    @DynamicPropertySource
    static void folder(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("savoir-spring-browser");
        registry.add("savoir.folder", () -> dir.resolve("kb").toString());
    }

    @BeforeAll
    static void start() throws Exception {
        String chromium = System.getProperty("savoir.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("savoir.chromedriver", "/usr/bin/chromedriver");
        boolean installed = Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver));
        org.junit.jupiter.api.Assumptions.assumeTrue(installed || System.getenv("CI") != null,
                "the browser test needs Debian's chromium and chromium-driver: apt-get install chromium "
                        + "chromium-driver (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @Test
    void search_openArticle_andVote() {
        browser.get(base() + "?lang=en");
        browser.findElement(By.id("q")).sendKeys("reset password");
        browser.findElement(By.id("go")).click();
        waiting().until(d -> !d.findElements(By.cssSelector("#results .result-link")).isEmpty());
        WebElement first = browser.findElements(By.cssSelector("#results .result-link")).getFirst();
        assertThat(first.getAttribute("data-id")).isEqualTo("reset-password");
        first.click();
        waiting().until(d -> !d.findElements(By.id("title")).isEmpty());
        assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Reset your password");
        long before = kb.feedback(ArticleId.of("reset-password")).helpful();
        browser.findElement(By.id("yes")).click();
        waiting().until(d -> !d.findElements(By.id("thanks")).isEmpty());
        assertThat(kb.feedback(ArticleId.of("reset-password")).helpful()).isEqualTo(before + 1);
        assertThat(kb.feedback(ArticleId.of("reset-password")).views()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void autocomplete_suggestsVisibleTitles_throughTheSameOriginScript() {
        browser.get(base() + "?lang=en");
        browser.findElement(By.id("q")).sendKeys("pass");
        waiting().until(d -> !d.findElements(By.cssSelector("#suggestions .suggestion")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#suggestions .suggestion")))
                .extracting(WebElement::getText).anyMatch(t -> t.toLowerCase(Locale.ROOT).contains("password"));
    }

    @Test
    void internalArticles_neverAppear() {
        for (String q : List.of("refund approval procedure", "verify caller identity", "escalate tier 2")) {
            browser.get(base() + "?lang=en&q=" + q.replace(' ', '+'));
            waiting().until(d -> !d.findElements(By.id("count")).isEmpty());
            for (String hidden : SpringHelpCenterTest.HIDDEN) {
                assertThat(browser.getPageSource()).as("results for %s", q).doesNotContain(hidden);
            }
        }
        browser.get(base() + "articles/verify-caller-identity");
        assertThat(browser.getPageSource()).contains("No such article").doesNotContain("id=\"body\"");
    }
}
