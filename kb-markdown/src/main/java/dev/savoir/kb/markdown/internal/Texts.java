package dev.savoir.kb.markdown.internal;

import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** The visible text of an inline subtree (link text, heading text, image alt text). */
final class Texts {
    private Texts() {
    }

    static String of(Node node) {
        StringBuilder sb = new StringBuilder();
        Walker.walk(node, n -> {
            if (n instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (n instanceof Code c) {
                sb.append(c.getLiteral());
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                sb.append(' ');
            }
            return true;
        });
        return sb.toString().strip();
    }

    /** Image alt text the way commonmark-java writes it: text and line breaks only. */
    static String alt(Node node) {
        StringBuilder sb = new StringBuilder();
        Walker.walk(node, n -> {
            if (n instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                sb.append('\n');
            }
            return true;
        });
        return sb.toString();
    }
}
