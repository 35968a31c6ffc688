package dev.savoir.kb.markdown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InlineStackTest {
    private static final String DEEP = "*".repeat(InlineStack.CALLER_THREAD_DELIMITERS);

    @Test
    void delimiters_countsWhatCanOpenANestingLevel() {
        assertThat(InlineStack.delimiters("a *b* _c_ ~~d~~ [e](f) ![g](h) `i`")).isEqualTo(10);
    }

    @Test
    void parse_fewDelimiters_runsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertThat(InlineStack.parse("*a*", Thread::currentThread)).isSameAs(caller);
    }

    @Test
    void parse_manyDelimiters_runsOnAThreadOfItsOwn() {
        Thread caller = Thread.currentThread();
        Thread worker = InlineStack.parse(DEEP, Thread::currentThread);
        assertThat(worker).isNotSameAs(caller);
        assertThat(worker.getName()).isEqualTo("savoir-markdown-parse");
    }

    @Test
    void parse_onItsOwnThread_rethrowsTheParsersFailureToTheCaller() {
        assertThatThrownBy(() -> InlineStack.parse(DEEP, () -> {
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class).hasMessage("broken");
        assertThatThrownBy(() -> InlineStack.parse(DEEP, () -> {
            throw new AssertionError("error");
        })).isInstanceOf(AssertionError.class).hasMessage("error");
    }

    @Test
    void parse_interruptedCaller_waitsForTheParseAndKeepsItsInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThat(InlineStack.parse(DEEP, () -> "done")).isEqualTo("done");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
