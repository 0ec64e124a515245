// Search: finds checkpoints, rules and borders by any name in any script. The page's language
// has its own index (static/search-index.<lang>.js, named by the form's data-index), a script
// loaded on first use, so search works from a static host and from a folder opened from disk.
// Queries are folded with the build's own tables; labels come from the form's data attributes.
// site.js loads this script when the box is first used (`/` focuses it, see there).
(function () {
  'use strict';
  var me = document.currentScript;
  var root = me ? me.src.replace(/static\/search\.js(\?.*)?$/, '') : '';
  var form = document.querySelector('form.search');
  var say = form ? form.dataset : {};
  var data = null;
  var loading = null;
  var cyrillic = null;
  var latin = null;
  var KIND = { c: say.kindC || 'Checkpoint', r: say.kindR || 'Rule', b: say.kindB || 'Border' };

  function load() {
    if (data) return Promise.resolve(data);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = root + (say.index || 'static/search-index.en.js');
      s.onload = function () {
        data = window.crossingsSearch;
        cyrillic = new Map(data.fold.cyrillic);
        latin = data.fold.latin;
        prepared = prepare(data);
        resolve(data);
      };
      s.onerror = function () { loading = null; reject(new Error('search index not found')); };
      document.head.appendChild(s);
    });
    return loading;
  }

  function collapse(w) {
    var out = '';
    for (var i = 0; i < w.length; i++) if (w[i] !== out[out.length - 1]) out += w[i];
    return out;
  }

  // The same folding as the build (src/translit.rs): words of lowercase ASCII.
  function fold(text) {
    var out = '';
    for (var ch of text.toLowerCase()) {
      var m = cyrillic.get(ch);
      out += m === undefined ? ch : m;
    }
    out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return out.split(/[^a-z0-9]+/).filter(Boolean).map(function (w) {
      for (var i = 0; i < latin.length; i++) w = w.split(latin[i][0]).join(latin[i][1]);
      return collapse(w);
    });
  }

  // True when a and b differ by at most one insertion, deletion or substitution.
  function withinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (la > lb) i++; else if (lb > la) j++; else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  // The index, prepared once: every name and alias ("key") with its words, and sorted
  // dictionaries of key words and body words pointing back at keys and entries.
  var prepared = null;
  function prepare(d) {
    var exact = new Map(), keyEntry = [], keyName = [], wordKeys = new Map(), bodyEntries = new Map();
    d.entries.forEach(function (e, i) {
      [e.k, e.a].forEach(function (keys, alias) {
        keys.forEach(function (key) {
          var id = keyEntry.length;
          keyEntry.push(i);
          keyName.push(!alias);
          if (!exact.has(key)) exact.set(key, []);
          exact.get(key).push(id);
          key.split(' ').forEach(function (w) {
            if (!wordKeys.has(w)) wordKeys.set(w, []);
            wordKeys.get(w).push(id);
          });
        });
      });
      if (e.x) e.x.split(' ').forEach(function (w) {
        if (!bodyEntries.has(w)) bodyEntries.set(w, []);
        bodyEntries.get(w).push(i);
      });
    });
    return { exact: exact, keyEntry: keyEntry, keyName: keyName, wordKeys: wordKeys, words: Array.from(wordKeys.keys()).sort(),
      bodyEntries: bodyEntries, bodyWords: Array.from(bodyEntries.keys()).sort() };
  }

  // Dictionary words starting with `w` (a binary search, then a walk).
  function withPrefix(sorted, w, visit) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < w) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < sorted.length && sorted[i].startsWith(w); i++) visit(sorted[i]);
  }

  // Ids in every one of `sets` (one set per query word).
  function everyOf(sets) {
    return Array.from(sets[0]).filter(function (id) { return sets.every(function (s) { return s.has(id); }); });
  }

  // Rank: 0 exact name, 1 exact alias, 2 prefix of every word (a name's before an alias's), 3
  // one typo (words of five letters or more; names first again), 4 body text; the best rank of
  // an entry counts.
  function query(text) {
    if (!data) return [];
    var q = fold(text);
    if (!q.length) return [];
    var p = prepared || (prepared = prepare(data));
    var best = new Map();
    function offer(entry, rank) { if (!best.has(entry) || best.get(entry) > rank) best.set(entry, rank); }
    (p.exact.get(q.join(' ')) || []).forEach(function (id) { offer(p.keyEntry[id], p.keyName[id] ? 0 : 1); });
    var prefixSets = q.map(function (w) {
      var ids = new Set();
      withPrefix(p.words, w, function (word) { p.wordKeys.get(word).forEach(function (id) { ids.add(id); }); });
      return ids;
    });
    everyOf(prefixSets).forEach(function (id) { offer(p.keyEntry[id], p.keyName[id] ? 2 : 2.5); });
    var fuzzySets = q.map(function (w, n) {
      var ids = new Set(prefixSets[n]);
      if (w.length >= 5) p.words.forEach(function (word) {
        if (withinOne(w, word) || withinOne(w, word.slice(0, w.length))) p.wordKeys.get(word).forEach(function (id) { ids.add(id); });
      });
      return ids;
    });
    everyOf(fuzzySets).forEach(function (id) { offer(p.keyEntry[id], p.keyName[id] ? 3 : 3.5); });
    var bodySets = q.map(function (w) {
      var ids = new Set();
      withPrefix(p.bodyWords, w, function (word) { p.bodyEntries.get(word).forEach(function (i) { ids.add(i); }); });
      return ids;
    });
    everyOf(bodySets).forEach(function (i) { offer(i, 4); });
    var hits = Array.from(best, function (pair) { return { rank: pair[1], entry: data.entries[pair[0]] }; });
    hits.sort(function (a, b) {
      return a.rank - b.rank || (a.entry.t === b.entry.t ? 0 : a.entry.t === 'c' ? -1 : b.entry.t === 'c' ? 1 : 0) ||
        a.entry.n.localeCompare(b.entry.n);
    });
    return hits.slice(0, 12).map(function (h) { return h.entry; });
  }
  window.crossingsSearchQuery = function (text) { return load().then(function () { return query(text); }); };

  function setUp(input) {
    var list = document.createElement('ul');
    list.id = 'search-results';
    list.className = 'search-results';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', say.results || 'Search results');
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');
    var active = -1;
    var results = [];
    // The number of results (or "No results"), read out by screen readers as it changes.
    var status = document.getElementById('search-status');

    function show() {
      list.textContent = '';
      results.forEach(function (e, i) {
        var li = document.createElement('li');
        li.id = 'sr-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', i === active ? 'true' : 'false');
        var a = document.createElement('a');
        a.href = root + e.u;
        a.textContent = e.n;
        a.tabIndex = -1;
        var small = document.createElement('span');
        small.className = 'search-detail';
        small.textContent = KIND[e.t] + (e.d ? ' · ' + e.d : '');
        li.appendChild(a);
        li.appendChild(small);
        list.appendChild(li);
      });
      if (!results.length && input.value.trim()) {
        var none = document.createElement('li');
        none.className = 'search-none';
        none.textContent = say.none || 'No results';
        list.appendChild(none);
      }
      var open = input.value.trim() !== '';
      if (status) {
        status.textContent = !open ? '' : results.length
          ? (say.count || 'Results: {n}').replace('{n}', String(results.length)) : (say.none || 'No results');
      }
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (active >= 0) input.setAttribute('aria-activedescendant', 'sr-' + active);
      else input.removeAttribute('aria-activedescendant');
    }

    function run() {
      var text = input.value;
      load().then(function () {
        if (text !== input.value) return;
        results = query(text);
        active = -1;
        show();
      }).catch(function () { results = []; show(); });
    }

    input.addEventListener('input', run);
    input.addEventListener('focus', function () { load().catch(function () {}); });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        if (!results.length) return;
        ev.preventDefault();
        var step = ev.key === 'ArrowDown' ? 1 : -1;
        active = (active + step + results.length) % results.length;
        show();
      } else if (ev.key === 'Enter') {
        var pick = results[active >= 0 ? active : 0];
        if (pick) { ev.preventDefault(); window.location.href = root + pick.u; }
      } else if (ev.key === 'Escape') {
        input.value = '';
        results = [];
        active = -1;
        show();
      }
    });
    var params = new URLSearchParams(window.location.search);
    if (params.get('q')) { input.value = params.get('q'); run(); }
    // Loaded on first use (site.js): what was typed meanwhile is searched now.
    else if (input.value.trim()) run();
    else if (document.activeElement === input) load().catch(function () {});
  }

  var input = document.getElementById('q');
  if (input) setUp(input);
})();
