package dev.savoir.kb.examples.helpcenter;

/** The help center's script and style sheet, served from the same origin (the CSP forbids inline code). */
final class Assets {
    private Assets() {
    }

    /** Autocomplete: suggestions are inserted with textContent, never as HTML. */
    static final String APP_JS = """
            (function () {
              var input = document.getElementById('q');
              var list = document.getElementById('suggestions');
              if (!input || !list) { return; }
              var lang = (document.documentElement.lang || 'en');
              var timer = null;
              input.addEventListener('input', function () {
                clearTimeout(timer);
                timer = setTimeout(function () {
                  var q = input.value;
                  if (q.trim().length < 2) { list.replaceChildren(); return; }
                  fetch('/api/autocomplete?lang=' + encodeURIComponent(lang) + '&q=' + encodeURIComponent(q))
                    .then(function (r) { return r.json(); })
                    .then(function (items) {
                      list.replaceChildren();
                      items.forEach(function (s) {
                        var li = document.createElement('li');
                        var a = document.createElement('a');
                        a.className = 'suggestion';
                        a.textContent = s.text;
                        a.href = s.id ? '/articles/' + encodeURIComponent(s.id) + '?lang=' + encodeURIComponent(lang)
                                      : '/?lang=' + encodeURIComponent(lang) + '&q=' + encodeURIComponent(s.text);
                        li.appendChild(a);
                        list.appendChild(li);
                      });
                    })
                    .catch(function () { list.replaceChildren(); });
                }, 120);
              });
            })();
            """;

    static final String STYLE_CSS = """
            body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
            header { background: #23395d; color: #fff; padding: .8rem 1.5rem; display: flex;
                     justify-content: space-between; align-items: center; }
            header a { color: #fff; text-decoration: none; }
            .brand { font-weight: 700; font-size: 1.2rem; }
            main { max-width: 52rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem 2rem;
                   border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
            form.search { position: relative; display: flex; gap: .5rem; }
            form.search input { flex: 1; font-size: 1.1rem; padding: .6rem; }
            .suggestions { position: absolute; top: 2.9rem; left: 0; right: 5rem; background: #fff;
                           list-style: none; margin: 0; padding: 0; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
            .suggestions a { display: block; padding: .4rem .6rem; color: inherit; text-decoration: none; }
            .results { padding-left: 1.2rem; }
            .result { margin: 1rem 0; }
            .result-link { font-size: 1.1rem; font-weight: 600; }
            .snippet { margin: .2rem 0; color: #444; }
            .meta { color: #6b7280; font-size: .85rem; margin: .2rem 0; }
            mark { background: #fde68a; }
            .toc { background: #f3f4f6; padding: .5rem 1rem; border-radius: 6px; }
            .toc .level-3 { margin-left: 1rem; }
            .markdown-alert, blockquote { border-left: 4px solid #23395d; margin: 1rem 0; padding: .3rem 1rem;
                                          background: #f3f6fb; }
            table { border-collapse: collapse; } td, th { border: 1px solid #d1d5db; padding: .3rem .6rem; }
            .vote { margin-top: 2rem; border-top: 1px solid #e5e7eb; padding-top: 1rem; }
            .vote button { margin-left: .5rem; }
            .related { margin-top: 1.5rem; }
            .kpis { display: flex; gap: 1rem; flex-wrap: wrap; }
            .kpi { background: #fff; border: 1px solid #e5e7eb; padding: .8rem 1rem; min-width: 10rem;
                   display: flex; flex-direction: column; }
            .kpi strong { font-size: 1.6rem; } .kpi .label, .kpi .detail { font-size: .85rem; color: #4b5563; }
            """;
}
