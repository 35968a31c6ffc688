package dev.savoir.kb.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "Spring Boot" section in three steps is this module's own build, properties and code. */
class SpringReadmeTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static String between(String text, String start, String end) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "\\R(.*?)\\R\\s*" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("markers %s ... %s", start, end).isTrue();
        return m.group(1).stripIndent().strip();
    }

    @Test
    void step1_theDependency_isTheStarterAtTheProjectVersion() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String deps = between(readme, "<!-- spring-dependency:start -->\n```xml", "```\n<!-- spring-dependency:end -->");
        String version = between(Files.readString(ROOT.resolve("pom.xml")), "<artifactId>savoir-parent</artifactId>",
                "<packaging>").replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        assertThat(deps).contains("<artifactId>kb-bom</artifactId>").contains("<artifactId>kb-spring-boot-starter</artifactId>")
                .contains("<version>" + version + "</version>");
        // the example's own build uses the same starter
        assertThat(Files.readString(ROOT.resolve("examples-spring/pom.xml")))
                .contains("<artifactId>kb-spring-boot-starter</artifactId>");
    }

    @Test
    void step2_theProperties_areTheExamplesApplicationProperties() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String inReadme = between(readme, "<!-- spring-properties:start -->\n```properties",
                "```\n<!-- spring-properties:end -->");
        String inApp = between(Files.readString(ROOT.resolve(
                "examples-spring/src/main/resources/application.properties")), "# tag::properties[]",
                "# end::properties[]");
        assertThat(inReadme).isEqualTo(inApp);
    }

    @Test
    void step3_injectingTheKnowledgeBase_isTheCompiledService() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String inReadme = between(readme, "<!-- spring-inject:start -->\n```java", "```\n<!-- spring-inject:end -->");
        String inCode = between(Files.readString(ROOT.resolve(
                "examples-spring/src/main/java/dev/savoir/kb/examples/spring/HelpSearch.java")), "// tag::inject[]",
                "// end::inject[]");
        assertThat(inReadme).isEqualTo(inCode);
    }
}
