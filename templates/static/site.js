// crossings: lets `/` focus the search box, and loads the search script when the box is first
// used (focused, or a query in the address), so a page only read never downloads it.
// On a phone, opens the header's search and menu from its buttons. Over http(s), asks the
// service worker (sw.js at the site's root) to keep this language's pages for reading offline,
// and once it has, shows the footer's note (the build wrote in it how much that is); a page the
// worker answered from that copy says of which build.
(function () {
  'use strict';
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

  // The header's buttons (phone layout): each shows its part of the header, the other hides.
  document.addEventListener('click', function (ev) {
    var button = ev.target.closest && ev.target.closest('button[data-toggle]');
    if (!button) return;
    var header = button.closest('.site-header');
    var part = button.dataset.toggle;
    var open = !header.classList.contains('show-' + part);
    header.querySelectorAll('button[data-toggle]').forEach(function (b) {
      header.classList.toggle('show-' + b.dataset.toggle, open && b === button);
      b.setAttribute('aria-expanded', String(open && b === button));
    });
    if (open && part === 'search') document.getElementById('q').focus();
  });

  // Offline: the kept copy of this language, through the service worker.
  var html = document.documentElement;
  if (html.hasAttribute('data-offline-copy')) {
    var copy = document.getElementById('offline-copy');
    if (copy) copy.hidden = false;
  }
  var root = me ? me.src.replace(/static\/site\.js(\?.*)?$/, '') : '';
  function keepOffline() {
    var worker = navigator.serviceWorker;
    worker.addEventListener('message', function (ev) {
      var note = document.getElementById('offline-note');
      if (note && ev.data && ev.data.kept === html.lang && ev.data.note) {
        note.textContent = ev.data.note;
        note.hidden = false;
      }
    });
    worker.register(root + 'sw.js').then(function () { return worker.ready; }).then(function (registration) {
      registration.active.postMessage({ keep: html.lang });
    }).catch(function () {});
  }
  if (root && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    if (document.readyState === 'complete') keepOffline();
    else window.addEventListener('load', keepOffline);
  }
})();
