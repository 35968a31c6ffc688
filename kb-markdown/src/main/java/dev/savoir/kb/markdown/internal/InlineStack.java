package dev.savoir.kb.markdown.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Gives commonmark's parser the stack that a body's inline nesting needs. The inline parser recurses once per level
 * of nested emphasis, strike-through and images while it merges text nodes, before any post-processor (such as
 * {@link DepthGuard}) can bound the depth: ten thousand nested {@code *a} overflow a 1 MiB thread stack. A body has
 * at most one level per opening delimiter, so a body with few of them parses on the caller's thread, and any other
 * body on a thread of its own whose stack is sized from that count.
 */
public final class InlineStack {
    /** Fewer delimiters than this parse on the caller's thread (a few hundred KiB of stack at worst, interpreted). */
    static final int CALLER_THREAD_DELIMITERS = 512;
    /** Stack per delimiter: compiled frames need about 100 bytes a level, interpreted ones more. */
    private static final long BYTES_PER_DELIMITER = 256;
    private static final long BASE_STACK_BYTES = 2L << 20;

    private InlineStack() {
    }

    /** Characters that can open a level of inline nesting. */
    static int delimiters(String markdown) {
        int n = 0;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '*' || c == '_' || c == '~' || c == '[') {
                n++;
            }
        }
        return n;
    }

    /** Runs {@code parse} (the parse of {@code markdown}) with a stack deep enough for the body's nesting. */
    public static <T> T parse(String markdown, Supplier<T> parse) {
        int delimiters = delimiters(markdown);
        if (delimiters < CALLER_THREAD_DELIMITERS) {
            return parse.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(parse.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "savoir-markdown-parse", BASE_STACK_BYTES + delimiters * BYTES_PER_DELIMITER);
        worker.setDaemon(true);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}
