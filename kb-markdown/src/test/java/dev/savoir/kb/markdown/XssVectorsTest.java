package dev.savoir.kb.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known XSS filter-evasion vectors (in the style of the OWASP cheat sheet), as raw HTML and as Markdown constructs,
 * through the renderer in its sanitizing (default) and escaping modes: no script, event handler, unsafe URL, frame,
 * object, embed, form or style survives.
 */
class XssVectorsTest {
    static final MarkdownRenderer SANITIZING = MarkdownRenderer.builder().cacheMaximumBytes(0).build();
    static final MarkdownRenderer ESCAPING = MarkdownRenderer.builder().rawHtml(RawHtml.ESCAPE).cacheMaximumBytes(0)
            .build();

    static final List<String> VECTORS = List.of(
            // script tags
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
            "<ScRiPt>alert(1)</sCrIpT>",
            "<script/xss src=\"https://xss.example/x.js\"></script>",
            "<<script>alert(1);//<</script>",
            "<script\nsrc=//xss.example/x.js>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<script>alert(1)",
            "</script><script>alert(1)</script>",
            "<SCRIPT a=\">\" SRC=\"https://xss.example/x.js\"></SCRIPT>",
            "<SCRIPT =\">\" SRC=\"https://xss.example/x.js\"></SCRIPT>",
            "<svg><script>alert(1)</script></svg>",
            // event handlers
            "<img src=x onerror=alert(1)>",
            "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
            "<img src=x:alert(alt) onerror=eval(src) alt=0>",
            "<body onload=alert(1)>",
            "<div onmouseover=\"alert(1)\">hover</div>",
            "<a href=\"#\" onclick=\"alert(1)\">click</a>",
            "<details open ontoggle=alert(1)>",
            "<input autofocus onfocus=alert(1)>",
            "Password: <input name=\"password\" type=\"password\" placeholder=\"Password\">",
            "<input type=\"text\" value=\"phish\"><input type=checkbox onclick=alert(1)>",
            "<BODY ONLOAD=alert('XSS')>",
            "<img/src=x/onerror=alert(1)>",
            "<img src=x onerror\n=alert(1)>",
            "<img \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
            "<span style=\"x\" onmouseenter=alert(1)>x</span>",
            // javascript:, vbscript:, data: URLs with encoding tricks
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
            "<a href=\"jav&#x0D;ascript:alert(1)\">x</a>",
            "<a href=\" &#14;  javascript:alert(1)\">x</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
            "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
            "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
            "<a href=\"java\u0000script:alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"VBScript:msgbox(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<a href=\"DATA:text/html,<script>alert(1)</script>\">x</a>",
            "<img src=\"javascript:alert(1)\">",
            "<IMG SRC=JaVaScRiPt:alert('XSS')>",
            "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
            "<IMG SRC=\"jav\tascript:alert('XSS');\">",
            "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
            "<a href=\"\u2028javascript:alert(1)\">x</a>",
            "<a href=\"\u200Bjavascript:alert(1)\">x</a>",
            "<a href=\"\\x6A\\x61vascript:alert(1)\">x</a>",
            // frames, objects, forms, style and friends
            "<iframe src=\"https://evil.example\"></iframe>",
            "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
            "<iframe srcdoc=\"<script>alert(1)</script>\">",
            "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>",
            "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
            "<EMBED SRC=\"https://xss.example/xss.swf\" AllowScriptAccess=\"always\"></EMBED>",
            "<form action=\"javascript:alert(1)\"><button>go</button></form>",
            "<form><button formaction=javascript:alert(1)>x</button></form>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
            "<div style=\"background-image: url(javascript:alert(1))\">x</div>",
            "<div style=\"width: expression(alert(1));\">x</div>",
            "<link rel=stylesheet href=\"https://xss.example/xss.css\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1);\">",
            "<base href=\"javascript:alert(1)//\">",
            "<applet code=\"x\"></applet>",
            "<textarea><script>alert(1)</script></textarea>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a></svg>",
            "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
            "<svg><set attributeName=href to=javascript:alert(1) /></svg>",
            "<isindex type=image src=1 onerror=alert(1)>",
            "<video><source onerror=\"alert(1)\"></video>",
            "<audio src=x onerror=alert(1)>",
            "<marquee onstart=alert(1)>x</marquee>",
            "<template><script>alert(1)</script></template>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            // broken, nested, commented, CDATA
            "<<img src=x onerror=alert(1)//<",
            "<img src=x onerror=alert(1)//",
            "<a href=\"javascript:alert(1)\"",
            "<!--<img src=x onerror=alert(1)>-->",
            "<!-- --!><img src=x onerror=alert(1)> -->",
            "<![CDATA[<script>alert(1)</script>]]>",
            "<?xml version=\"1.0\"?><script>alert(1)</script>",
            "<a href=\"https://ok.example\" <script>alert(1)</script>>x</a>",
            "<div><div><div><img src=x onerror=alert(1)></div></div></div>",
            "<p title=\"\"><img src=x onerror=alert(1)>\"></p>",
            "<kbd onclick=alert(1)>Ctrl</kbd>",
            "<x onclick=alert(1)>x</x>",
            "\"><script>alert(1)</script>",
            "'><img src=x onerror=alert(1)>",
            // Markdown constructs
            "[click](javascript:alert(1))",
            "[click](JAVASCRIPT:alert(1))",
            "[click](javascript&#58;alert(1))",
            "[click](&#106;avascript:alert(1))",
            "[click](java&#x09;script:alert(1))",
            "[click](<javascript:alert(1)>)",
            "[click](<java script:alert(1)>)",
            "[click](vbscript:msgbox(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](\\javascript:alert(1))",
            "[click]( javascript:alert(1) \"title\")",
            "[a](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
            "[a](https://ok.example\" onmouseover=\"alert(1))",
            "![img](javascript:alert(1))",
            "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "![\" onerror=\"alert(1)](https://img.example/x.png)",
            "![x](https://img.example/x.png\"onerror=\"alert(1))",
            "<javascript:alert(1)>",
            "<vbscript:msgbox(1)>",
            "<data:text/html,<script>alert(1)</script>>",
            "[ref]\n\n[ref]: javascript:alert(1)",
            "[ref][]\n\n[ref]: JaVaScRiPt:alert(1) \"t\"",
            "![ref]\n\n[ref]: javascript:alert(1)",
            "[x](kb:javascript:alert(1))",
            "[x](kb:\"><script>alert(1)</script>)",
            "javascript:alert(1)",
            "www.example.com/\"onmouseover=\"alert(1)",
            "https://example.com/<script>alert(1)</script>",
            "`<script>alert(1)</script>`",
            "```html\n<script>alert(1)</script>\n```",
            "```\" onmouseover=\"alert(1)\n code\n```",
            "```<script>\ncode\n```",
            "# <script>alert(1)</script>",
            "# Title <img src=x onerror=alert(1)>",
            "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
            "- [ ] <script>alert(1)</script>",
            "> [!WARNING]\n> <script>alert(1)</script>",
            "---\ntitle: <script>alert(1)</script>\n---\nbody",
            "~~<img src=x onerror=alert(1)>~~",
            "**<a href=\"javascript:alert(1)\">bold</a>**",
            "<div>\n\n[x](javascript:alert(1))\n\n</div>",
            "<a href=\"https://ok.example\">[x](javascript:alert(1))</a>");

    private static final Pattern TAGS = Pattern.compile("<[^>]*>");

    static Stream<Arguments> vectorsAndModes() {
        return VECTORS.stream().flatMap(v -> Stream.of(Arguments.of("sanitize", v), Arguments.of("escape", v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectorsAndModes")
    void render_xssVector_leavesNothingDangerous(String mode, String vector) {
        MarkdownRenderer renderer = mode.equals("sanitize") ? SANITIZING : ESCAPING;
        String html = renderer.toHtml(vector);
        assertThat(HtmlSafety.findings(html)).as(html).isEmpty();
        // text is escaped, so every '<' opens markup: check the tags without their (escaped) values
        String markup = String.join(" ", TAGS.matcher(html).results().map(MatchResult::group)
                .map(tag -> tag.replaceAll("=\"[^\"]*\"", "=\"\"")).toList())
                .toLowerCase(Locale.ROOT);
        assertThat(markup).doesNotContain("<script", "<iframe", "<object", "<embed", "<form", "<style", "<svg",
                "javascript:", "vbscript:", "data:text/html", " onerror", " onload", " onclick");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorsAndModes")
    void document_xssVector_plainTextHasNoMarkup(String mode, String vector) {
        String text = SANITIZING.document(vector).plainText();
        assertThat(text).doesNotContainPattern("<(?i:script|img|iframe|a|svg|div|kbd)\\b[^>]*>");
    }

    @Test
    void render_scriptTag_isRemovedButSafeHtmlKept() {
        String html = SANITIZING.toHtml("Press <kbd>Ctrl</kbd> <script>alert(1)</script>then **Save**.");
        assertThat(html).contains("<kbd>Ctrl</kbd>").contains("<strong>Save</strong>").doesNotContain("script")
                .doesNotContain("alert");
    }

    @Test
    void render_rawCheckbox_staysDisabledAndOtherInputsGo() {
        assertThat(SANITIZING.toHtml("<input type=\"checkbox\"> <input type=\"text\" name=\"q\">"))
                .isEqualTo("<p><input type=\"checkbox\" disabled=\"disabled\" /> </p>\n");
    }

    @Test
    void render_escapeMode_showsHtmlAsText() {
        String html = ESCAPING.toHtml("Press <kbd>Ctrl</kbd>");
        assertThat(html).isEqualTo("<p>Press &lt;kbd&gt;Ctrl&lt;/kbd&gt;</p>\n");
    }

    @Test
    void render_javascriptLink_keepsOnlyItsText() {
        assertThat(SANITIZING.toHtml("[click me](javascript:alert(1))")).isEqualTo("<p>click me</p>\n");
    }

    @Test
    void render_javascriptImage_keepsOnlyItsAltText() {
        assertThat(SANITIZING.toHtml("![a cat](javascript:alert(1))")).isEqualTo("<p>a cat</p>\n");
    }

    @Test
    void findings_checkerItself_detectsDangerousConstructs() {
        assertThat(HtmlSafety.findings("<p>ok <a href=\"https://x.example\" rel=\"nofollow\">x</a></p>")).isEmpty();
        assertThat(HtmlSafety.findings("<script>alert(1)</script>")).isNotEmpty();
        assertThat(HtmlSafety.findings("<img src=\"x\" onerror=\"alert(1)\">")).isNotEmpty();
        assertThat(HtmlSafety.findings("<a href=\"jav&#x09;ascript:alert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlSafety.findings("<a href=\"&#106;avascript:alert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlSafety.findings("<p><img src=x onerror=alert(1)></p>")).isNotEmpty();
        assertThat(HtmlSafety.findings("<div style=\"x\">")).isNotEmpty();
    }
}
