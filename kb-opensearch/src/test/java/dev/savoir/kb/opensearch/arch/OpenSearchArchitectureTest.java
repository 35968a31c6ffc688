package dev.savoir.kb.opensearch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.arch.ArchitectureRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tier rules of STYLE.md, checked on kb-opensearch's classes, and the module's own: it never touches kb-lucene
 * nor Lucene (OpenSearch brings its own, on the test classpath only).
 */
class OpenSearchArchitectureTest {
    static JavaClasses opensearch;

    @BeforeAll
    static void importOpenSearch() {
        opensearch = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.savoir.kb.opensearch");
    }

    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        org.assertj.core.api.Assertions.assertThat(dev.savoir.kb.arch.ArchitectureRules.mainSourcesLongerThan(700))
                .as("main source files over 700 lines").isEmpty();
    }

    @Test
    void api_exposesNoSpiOrInternalTypes() {
        ArchitectureRules.apiExposesNoSpiOrInternalTypes().check(opensearch);
    }

    @Test
    void opensearch_neverDependsOnLuceneMarkdownNorCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.savoir.kb.markdown..", "dev.savoir.kb.lucene..",
                "org.apache.lucene..", "org.opensearch.common..", "org.opensearch.node..",
                "dev.savoir.kb.internal..").check(opensearch);
    }

    @Test
    void internals_neverUseTheFacade() {
        noClasses().that().resideInAPackage("dev.savoir.kb.opensearch.internal..").should().dependOnClassesThat()
                .belongToAnyOf(KnowledgeBase.class).check(opensearch);
    }

    @Test
    void publicApiTypes_carryTheirApiStatus() {
        classes().that().resideInAPackage("dev.savoir.kb.opensearch").and().arePublic().and()
                .areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).check(opensearch);
    }
}
