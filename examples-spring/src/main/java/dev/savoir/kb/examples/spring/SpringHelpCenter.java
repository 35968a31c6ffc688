package dev.savoir.kb.examples.spring;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.examples.SampleKnowledgeBase;
import dev.savoir.kb.policy.LinkResolver;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The help center and the agents' JSON API as a Spring Boot 4 application: the {@link KnowledgeBase} comes from
 * kb-spring-boot-starter and {@code application.properties}; this class adds only the URLs of internal links and
 * the import of the bundled sample when the knowledge base is empty. Run it with {@code java -jar
 * examples-spring/target/examples-spring-*.jar} (the fat jar) and open http://127.0.0.1:8080/.
 */
@SpringBootApplication
public class SpringHelpCenter {
    /** Starts the application; Spring Boot arguments such as {@code --savoir.folder=...} apply. */
    public static void main(String[] args) {
        SpringApplication.run(SpringHelpCenter.class, args);
    }

    /** Internal links and passage URLs point at this application's article pages. */
    @Bean
    LinkResolver articleLinks() {
        return (id, locale) -> "/articles/" + id.value() + "?lang=" + locale.toLanguageTag();
    }

    /** Imports the bundled sample knowledge base (Lumo's customer service) the first time. */
    @Bean
    ApplicationRunner importSample(KnowledgeBase kb, @Value("${helpcenter.attachments}") Path attachments) {
        return args -> {
            if (kb.size() == 0) {
                SampleKnowledgeBase.importSample(kb, attachments);
            }
        };
    }
}
