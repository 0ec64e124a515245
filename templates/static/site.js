// crossings: marks the page as scripted (the stylesheet then shows the parts that need a
// script), lets `/` focus the search box, and loads the search script when the box is first
// used (focused, or a query in the address), so a page only read never downloads it.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var me = document.currentScript;
  var src = me ? me.src.replace(/site\.js(\?.*)?$/, 'search.js') : '';
  var loaded = false;
  function load() {
    if (loaded || !src) return;
    loaded = true;
    var s = document.createElement('script');
    s.src = src;
    document.head.appendChild(s);
  }
  document.addEventListener('focusin', function (ev) { if (ev.target && ev.target.id === 'q') load(); });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      var box = document.getElementById('q');
      if (box) { ev.preventDefault(); box.focus(); }
    }
  });
  if (/[?&]q=/.test(location.search)) load();
})();
