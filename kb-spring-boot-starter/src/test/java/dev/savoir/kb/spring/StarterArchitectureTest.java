package dev.savoir.kb.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.savoir.kb.arch.ArchitectureRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** STYLE.md's rules on the starter: public types carry their status, no core internals, no file over 700 lines. */
class StarterArchitectureTest {
    static JavaClasses starter;

    @BeforeAll
    static void importStarter() {
        starter = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.savoir.kb.spring");
    }

    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        org.assertj.core.api.Assertions.assertThat(ArchitectureRules.mainSourcesLongerThan(700))
                .as("main source files over 700 lines").isEmpty();
    }

    @Test
    void publicTypes_carryTheirApiStatus() {
        classes().that().arePublic().and().doNotHaveSimpleName("package-info").should().beAnnotatedWith(API.class)
                .check(starter);
    }

    @Test
    void starter_usesNoInternalsOfSavoir() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.savoir.kb.internal..",
                "dev.savoir.kb.lucene.internal..", "dev.savoir.kb.markdown.internal..", "dev.savoir.kb.jdbc.internal..")
                .check(starter);
    }

    @Test
    void onlyTheJdbcConfiguration_namesKbJdbc() {
        noClasses().that().doNotHaveSimpleName("SavoirJdbcConfiguration")
                .and().doNotHaveFullyQualifiedName("dev.savoir.kb.spring.SavoirJdbcConfiguration$1")
                .should().dependOnClassesThat().resideInAPackage("dev.savoir.kb.jdbc..").check(starter);
    }
}
