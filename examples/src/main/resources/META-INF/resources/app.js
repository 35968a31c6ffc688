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
