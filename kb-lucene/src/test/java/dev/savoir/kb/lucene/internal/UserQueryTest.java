package dev.savoir.kb.lucene.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserQueryTest {
    @Test
    void parse_wordsPhrasesAndExclusions() {
        UserQuery q = UserQuery.parse("reset \"two factor\" -sms -\"text message\" login");
        assertThat(q.words()).containsExactly("reset", "login");
        assertThat(q.phrases()).containsExactly("two factor");
        assertThat(q.excluded()).containsExactly("sms", "text message");
    }

    @Test
    void parse_operatorsAreText() {
        UserQuery q = UserQuery.parse("title:foo AND bar* (baz) ~2 e-mail");
        assertThat(q.words()).containsExactly("title:foo", "AND", "bar*", "(baz)", "~2", "e-mail");
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void parse_unbalancedQuoteRunsToEnd_loneDashIsText() {
        assertThat(UserQuery.parse("\"open phrase").phrases()).containsExactly("open phrase");
        assertThat(UserQuery.parse("a - b --c").words()).containsExactly("a", "-", "b", "--c");
        assertThat(UserQuery.parse("\"\"").hasText()).isFalse();
        assertThat(UserQuery.parse("-only").hasText()).isFalse();
    }

    @Test
    void parse_isBounded() {
        UserQuery q = UserQuery.parse("w ".repeat(50_000));
        assertThat(q.words()).hasSize(UserQuery.MAX_PARTS);
        assertThat(UserQuery.parse("x".repeat(100_000)).words().getFirst()).hasSize(UserQuery.MAX_CHARS);
    }

    @Test
    void cleanTicket_dropsGreetingsSignaturesQuotesAndNumbers() {
        String cleaned = LuceneEngine.cleanTicket(String.join("\n", List.of(
                "Bonjour,", "Ma commande 12345-AB n'est pas arrivée.", "Mail: jane@example.com",
                "Cordialement,", "Jane", "Le lun. 23 nov. 2026, Support a écrit :", "> ancienne réponse")));
        assertThat(cleaned).contains("commande", "arrivée").doesNotContain("12345", "jane@example.com",
                "Bonjour", "Cordialement", "ancienne");
    }

    @Test
    void normalize_foldsCaseAccentsAndPunctuation() {
        assertThat(LuceneEngine.normalize("  Réinitialiser   MOT-de-passe ! ")).isEqualTo("reinitialiser mot de passe");
    }
}
