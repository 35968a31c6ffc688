package dev.savoir.kb.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.KnowledgeBaseListener;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.StoreLockedException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.jdbc.PostgresStores;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.policy.LinkResolver;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** The auto-configuration in an {@link ApplicationContextRunner}: beans, back-off, properties, start-up failures. */
class SavoirAutoConfigurationTest {
    static final Actor ADMIN = Actor.of("admin@example.com", Role.ADMIN);

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SavoirAutoConfiguration.class));

    @TempDir
    Path dir;

    static void publish(KnowledgeBase kb, String id, String title, String body) {
        kb.create(ADMIN, NewArticle.builder(id).category("Account").visibility(Visibility.PUBLIC).title(title)
                .body(body).build());
        kb.submitForReview(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
        kb.approve(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
        kb.publish(ADMIN, ArticleId.of(id), Locale.ENGLISH, 1);
        kb.refresh();
    }

    /** The start-up failure's root cause, which must be the typed error naming the property. */
    static AbstractThrowableAssert<?, ? extends Throwable> startUpFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable root = context.getStartupFailure();
        while (root.getCause() != null && !(root instanceof InvalidArgumentException)) {
            root = root.getCause();
        }
        return assertThat(root);
    }

    static void failsNaming(AssertableApplicationContext context, String property, String messagePart) {
        startUpFailure(context).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining(messagePart)
                .extracting(t -> ((InvalidArgumentException) t).parameter()).isEqualTo(property);
    }

    @Test
    void folder_givesAKnowledgeBaseWithLuceneSearchAndMarkdown() {
        runner.withPropertyValues("savoir.folder=" + dir).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KnowledgeBase.class)
                    .hasSingleBean(SearchEngineFactory.class).hasSingleBean(ContentRenderer.class);
            assertThat(context.getBean(ContentRenderer.class)).isInstanceOf(MarkdownRenderer.class);
            KnowledgeBase kb = context.getBean(KnowledgeBase.class);
            publish(kb, "reset-password", "Reset your password", "Open **Settings** and choose *Reset*.");
            assertThat(kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.of("reset password")).hits())
                    .extracting(h -> h.articleId().value()).containsExactly("reset-password");
            assertThat(kb.render(ViewerContext.external(Locale.ENGLISH), ArticleId.of("reset-password"))
                    .orElseThrow().html().html()).contains("<strong>Settings</strong>");
        });
    }

    @Test
    void closingTheContext_closesTheKnowledgeBase_andReleasesTheFolder() {
        ConfigurableApplicationContext[] kept = new ConfigurableApplicationContext[1];
        runner.withPropertyValues("savoir.folder=" + dir).run(context -> {
            publish(context.getBean(KnowledgeBase.class), "a", "Kept article", "Survives the restart.");
            // while the context runs, the folder is locked
            assertThatThrownBy(() -> KnowledgeBase.builder().directory(dir).build())
                    .isInstanceOf(StoreLockedException.class);
            kept[0] = context.getSourceApplicationContext();
        });
        assertThat(kept[0].isActive()).isFalse();
        try (KnowledgeBase again = KnowledgeBase.builder().directory(dir).build()) {
            assertThat(again.size()).isEqualTo(1);
        }
    }

    @Test
    void inMemory_givesAKnowledgeBaseThatKeepsNothing() {
        runner.withPropertyValues("savoir.in-memory=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KnowledgeBase.class).size()).isZero();
        });
    }

    @Test
    void properties_reachTheBuilder() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.require-review=false", "savoir.max-body-bytes=100",
                "savoir.default-locale=fr", "savoir.scheduler-interval=0s").run(context -> {
                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    assertThat(kb.maxBodyBytes()).isEqualTo(100);
                    kb.create(ADMIN, NewArticle.builder("direct").category("Account").visibility(Visibility.PUBLIC)
                            .locale(Locale.FRENCH).title("Sans relecture").body("Publié directement.").build());
                    // require-review=false: a draft is published without an approval
                    kb.publish(ADMIN, ArticleId.of("direct"), Locale.FRENCH, 1);
                    kb.refresh();
                    // default-locale=fr: the French translation is the fallback of a German reader
                    assertThat(kb.read(ViewerContext.external(Locale.GERMAN), ArticleId.of("direct"))).isPresent();
                });
    }

    @Test
    void noLocation_failsAtStartUp_namingTheFolderProperty() {
        runner.run(context -> failsNaming(context, "savoir.folder", "savoir.in-memory=true"));
    }

    @Test
    void folderAndInMemory_conflict_atStartUp() {
        runner.withPropertyValues("savoir.folder=" + dir, "savoir.in-memory=true")
                .run(context -> failsNaming(context, "savoir.in-memory", "either in memory or in a folder"));
    }

    @Test
    void refusedValues_failAtStartUp_namingTheProperty() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.scheduler-interval=-1s")
                .run(context -> failsNaming(context, "savoir.scheduler-interval", "negative"));
        runner.withPropertyValues("savoir.in-memory=true", "savoir.privacy.popular-query-min-viewers=1")
                .run(context -> failsNaming(context, "savoir.privacy.popular-query-min-viewers", "1"));
        runner.withPropertyValues("savoir.in-memory=true", "savoir.follow-interval=1ms")
                .run(context -> failsNaming(context, "savoir.follow-interval", "between 10 ms and 1 hour"));
        runner.withPropertyValues("savoir.in-memory=true", "savoir.search.refresh-interval=2m")
                .run(context -> failsNaming(context, "savoir.search.refresh-interval", "60 s"));
        runner.withPropertyValues("savoir.in-memory=true", "savoir.renderer.raw-html=allow-all")
                .run(context -> failsNaming(context, "savoir.renderer.raw-html", "escape, sanitize"));
        runner.withPropertyValues("savoir.in-memory=true", "savoir.max-body-bytes=0")
                .run(context -> failsNaming(context, "savoir.max-body-bytes", "0"));
        runner.withPropertyValues("savoir.in-memory=true", "savoir.default-locale=und")
                .run(context -> failsNaming(context, "savoir.default-locale", "language"));
    }

    @Test
    void semanticDefaultMode_withoutAnEmbedder_failsAtStartUp() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.search.default-mode=hybrid")
                .run(context -> failsNaming(context, "savoir.search.default-mode", "Embedder bean"));
    }

    @Test
    void unparsableValue_failsAtStartUp_namingTheProperty() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.scheduler-interval=banana").run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            // Spring's binder: "Failed to bind properties under 'savoir.scheduler-interval' ... banana"
            assertThat(messages).contains("'savoir.scheduler-interval'").contains("banana");
        });
    }

    @Test
    void jdbcEnabled_withoutADataSource_failsAtStartUp() {
        runner.withPropertyValues("savoir.jdbc.enabled=true", "savoir.folder=" + dir)
                .run(context -> failsNaming(context, "savoir.jdbc.enabled", "no DataSource bean"));
    }

    @Test
    void jdbcEnabled_withoutKbJdbc_failsAtStartUp() {
        runner.withClassLoader(new FilteredClassLoader(PostgresStores.class))
                .withPropertyValues("savoir.jdbc.enabled=true", "savoir.folder=" + dir)
                .run(context -> failsNaming(context, "savoir.jdbc.enabled", "dev.savoir:kb-jdbc"));
    }

    @Test
    void withoutKbLucene_theKnowledgeBaseHasNoSearch() {
        runner.withClassLoader(new FilteredClassLoader(LuceneSearchEngine.class))
                .withPropertyValues("savoir.in-memory=true").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SearchEngineFactory.class);
                    assertThat(context.getBean(KnowledgeBase.class).indexStatus().enabled()).isFalse();
                });
        runner.withPropertyValues("savoir.in-memory=true", "savoir.search.enabled=false", "savoir.renderer.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SearchEngineFactory.class)
                        .doesNotHaveBean(ContentRenderer.class));
    }

    @Test
    void theHostsOwnBeans_replaceTheStartersOnes() {
        KnowledgeBase own = KnowledgeBase.builder().inMemory().build();
        runner.withBean(KnowledgeBase.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KnowledgeBase.class)).isSameAs(own);
        });
        MarkdownRenderer renderer = MarkdownRenderer.builder().externalLinkRel("noopener").build();
        runner.withPropertyValues("savoir.in-memory=true").withBean(ContentRenderer.class, () -> renderer)
                .run(context -> assertThat(context.getBean(ContentRenderer.class)).isSameAs(renderer));
        own.close();
    }

    @Test
    void hostBeans_areWiredIn_listenersLinksAndCustomizers() {
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("savoir.in-memory=true")
                .withBean(KnowledgeBaseListener.class, () -> events::add)
                .withBean(LinkResolver.class, () -> (id, locale) -> "/help/" + id.value())
                .withBean(KnowledgeBaseBuilderCustomizer.class, () -> b -> b.requireReview(false))
                .run(context -> {
                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    // the customizer turned the review off: drafts publish directly
                    kb.create(ADMIN, NewArticle.builder("other").category("Account").visibility(Visibility.PUBLIC)
                            .title("Other").body("The other article.").build());
                    kb.publish(ADMIN, ArticleId.of("other"), Locale.ENGLISH, 1);
                    kb.create(ADMIN, NewArticle.builder("linked").category("Account").visibility(Visibility.PUBLIC)
                            .title("Links").body("See [the other](kb:other).").build());
                    kb.publish(ADMIN, ArticleId.of("linked"), Locale.ENGLISH, 1);
                    assertThat(events).hasSizeGreaterThanOrEqualTo(4);
                    assertThat(kb.render(ViewerContext.external(Locale.ENGLISH), ArticleId.of("linked"))
                            .orElseThrow().html().html()).contains("href=\"/help/other\"");
                });
    }

    @Test
    void aCustomizerSettingAnOptionAPropertySet_failsNamingTheOption() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.require-review=true")
                .withBean(KnowledgeBaseBuilderCustomizer.class, () -> b -> b.requireReview(false))
                .run(context -> startUpFailure(context).isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("requireReview"));
    }
}
