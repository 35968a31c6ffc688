package dev.savoir.kb.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HtmlBodiesTest {
    private final HtmlBodies html = new HtmlBodies();

    @Test
    void toMarkdown_convertsHeadingsEmphasisListsTablesAndLinks() {
        String md = html.toMarkdown("<h2>Reset</h2><p>Open <strong>Settings</strong> and <em>choose</em> "
                + "<a href=\"https://lumo.example/help\">help</a>.</p><ol><li>One</li><li>Two</li></ol>"
                + "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", src -> src);

        assertThat(md).contains("## Reset").contains("**Settings**").contains("*choose*")
                .contains("[help](https://lumo.example/help)").contains("1. One").contains("2. Two")
                .contains("| A | B |").contains("| 1 | 2 |");
    }

    @Test
    void toMarkdown_dropsScriptsStylesFormsAndHandlers_andJavascriptLinks() {
        String md = html.toMarkdown("<p>Hi</p><script>alert('x')</script><style>p{color:red}</style>"
                + "<form><input value=\"secret\"><button>Go</button></form><p onclick=\"alert(1)\">Text</p>"
                + "<a href=\"javascript:alert(2)\">bad</a>", src -> src);

        assertThat(md).contains("Hi").contains("Text").doesNotContain("alert").doesNotContain("color:red")
                .doesNotContain("secret").doesNotContain("onclick").doesNotContain("javascript:");
    }

    @Test
    void toMarkdown_sendsEveryImageThroughTheRewriter_andDropsRefusedOnesKeepingTheirAltText() {
        List<String> seen = new ArrayList<>();
        String md = html.toMarkdown("<p><img src=\"a.png\" alt=\"First\" onerror=\"alert(1)\"> "
                + "<img src=\"b.png\" alt=\"Second\"></p>", src -> {
                    seen.add(src);
                    return src.equals("a.png") ? "attachments/k/a.png" : null;
                });

        assertThat(seen).containsExactly("a.png", "b.png");
        assertThat(md).contains("![First](attachments/k/a.png)").contains("Second").doesNotContain("b.png")
                .doesNotContain("onerror");
    }

    @Test
    void toMarkdown_turnsEmbeddedFramesIntoLinks() {
        String md = html.toMarkdown("<iframe src=\"https://video.example/embed/42\"></iframe>"
                + "<iframe src=\"javascript:alert(1)\"></iframe>", src -> src);

        assertThat(md).contains("https://video.example/embed/42").doesNotContain("javascript");
    }

    @Test
    @Timeout(10)
    void toMarkdown_hostileNesting_staysCheap() {
        String deep = "<div>".repeat(20_000) + "deep text" + "</div>".repeat(20_000);
        String md = html.toMarkdown(deep + "<ul>".repeat(5_000) + "<li>x" + "</ul>".repeat(5_000), src -> src);

        assertThat(md).contains("deep text");
    }

    @Test
    void dataImage_decodesPngJpegGifWebp_andRefusesOtherTypes() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        HtmlBodies.DataImage image = HtmlBodies.dataImage("data:image/png;base64," + png);

        assertThat(image).isNotNull();
        assertThat(image.name()).matches("image-[0-9a-f]{12}\\.png");
        assertThat(image.data()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(HtmlBodies.dataImage("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=")).isNull();
        assertThat(HtmlBodies.dataImage("data:text/html;base64,PHA+")).isNull();
        assertThat(HtmlBodies.dataImage("data:image/png,not-base64")).isNull();
        assertThat(HtmlBodies.dataImage("https://lumo.example/a.png")).isNull();
    }

    @Test
    void safeName_keepsLettersDigitsDotsDashes_andNeverLeavesTheFolder() {
        assertThat(Attachments.safeName("Password policy (2025).pdf")).isEqualTo("Password-policy-2025-.pdf");
        assertThat(Attachments.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Attachments.safeName("..")).isEqualTo("file");
        assertThat(Attachments.safeName(".hidden")).isEqualTo("hidden");
        assertThat(Attachments.safeName("C:\\Users\\x\\logo.png")).isEqualTo("logo.png");
        assertThat(Attachments.safeName("a".repeat(300) + ".png")).hasSize(100).endsWith(".png");
    }

    @Test
    void scope_namesTwoFilesApart_andWritesTheSameFileOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Attachments files = new Attachments(dir, "/kb/");
        Attachments.Scope scope = files.scope("KA-1");
        String first = scope.add("logo.png", new byte[] {1}, null);
        String again = scope.add("logo.png", new byte[] {1}, null);
        String other = scope.add("logo.png", new byte[] {2}, null);
        Attachments.Scope dropped = files.scope("KA-2");
        dropped.add("never.png", new byte[] {3}, null);
        scope.commit();

        assertThat(first).isEqualTo("/kb/KA-1/logo.png").isEqualTo(again);
        assertThat(other).isEqualTo("/kb/KA-1/logo-2.png");
        assertThat(files.write()).isEqualTo(2);
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("KA-1/logo-2.png"))).containsExactly(2);
        assertThat(dir.resolve("KA-2")).doesNotExist();
    }
}
