package dev.savoir.kb.markdown.internal;

/**
 * Guards against table amplification: a GFM table row with fewer cells than the header is padded with empty cells,
 * so a header of thousands of columns followed by thousands of one-character rows turns kilobytes of Markdown into
 * millions of cells. A linear scan counts the cells each table would get; when they exceed a bound proportional to
 * the table's own text (2 cells per byte, at most a million in all), the body is parsed without the tables
 * extension and its tables read as text. Real tables, whose rows carry their cells, stay far below the bound.
 */
public final class TableGuard {
    static final long MAX_CELLS = 1_000_000;
    private static final long SLACK = 10_000;

    private TableGuard() {
    }

    /** Whether the tables of a body stay within the bound. */
    public static boolean tablesAreSafe(String markdown) {
        if (markdown.indexOf('|') < 0) {
            return true;
        }
        long cells = 0;
        long budget = SLACK;
        int length = markdown.length();
        int pos = 0;
        int previousLineLength = 0;
        while (pos < length) {
            int end = lineEnd(markdown, pos);
            int columns = delimiterColumns(markdown, pos, end);
            if (columns > 0) {
                long rows = 1;
                long bytes = previousLineLength + (end - pos);
                int next = skipNewline(markdown, end);
                while (next < length) {
                    int e = lineEnd(markdown, next);
                    if (isBlank(markdown, next, e)) {
                        break;
                    }
                    rows++;
                    bytes += e - next + 1;
                    next = skipNewline(markdown, e);
                }
                cells += columns * rows;
                budget += 2 * bytes;
                if (cells > budget || cells > MAX_CELLS) {
                    return false;
                }
                previousLineLength = 0;
                pos = next;
                continue;
            }
            previousLineLength = end - pos;
            pos = skipNewline(markdown, end);
        }
        return true;
    }

    private static int lineEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int skipNewline(String s, int end) {
        if (end < s.length() && s.charAt(end) == '\r' && end + 1 < s.length() && s.charAt(end + 1) == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The number of columns if the line is a delimiter row ({@code |---|:-:|}), else 0. */
    private static int delimiterColumns(String s, int from, int to) {
        int pipes = 0;
        boolean dash = false;
        int first = -1;
        int last = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '|' -> {
                    pipes++;
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
                case '-' -> {
                    dash = true;
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
                case ':' -> {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
                case ' ', '\t' -> {
                }
                default -> {
                    return 0;
                }
            }
        }
        if (!dash || pipes == 0) {
            return 0;
        }
        int columns = pipes + 1;
        if (s.charAt(first) == '|') {
            columns--;
        }
        if (s.charAt(last) == '|' && last != first) {
            columns--;
        }
        return Math.max(columns, 1);
    }
}
