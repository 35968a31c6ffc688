package dev.savoir.kb.lucene.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

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
}
