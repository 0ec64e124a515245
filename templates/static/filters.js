// crossings: filters the index's checkpoint list without a server.
// The filter state lives in the query (?border=CN,RU&modes=road) so a view can be shared.
// After every change it dispatches `crossings:filter` on document with the visible ids (the
// map follows it) and keeps the last in window.crossingsFilter for scripts that load later.
// Its words come from the page (data-shown, data-on: `{shown}`, `{total}`, `{n}` filled in).
(() => {
  'use strict';

  const init = () => {
    const form = document.querySelector('form.filters');
    const list = document.querySelector('.checkpoint-list');
    if (!form || !list) return;
    const items = Array.from(list.querySelectorAll('.checkpoint-item'));
    const count = document.getElementById('result-count');
    const badge = document.getElementById('filter-count');
    const boxes = Array.from(form.querySelectorAll('input[type=checkbox]'));
    const fields = [...new Set(boxes.map((b) => b.name))];
    const group = (count && count.dataset.group) || ',';
    const num = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group);
    const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? num(values[k]) : m));

    const read = () => {
      const params = new URLSearchParams(location.search);
      for (const b of boxes) {
        const wanted = params.getAll(b.name).join(',').split(',');
        b.checked = wanted.includes(b.value);
      }
    };

    const state = () => {
      const s = {};
      for (const f of fields) s[f] = boxes.filter((b) => b.name === f && b.checked).map((b) => b.value);
      return s;
    };

    const write = (s) => {
      const params = new URLSearchParams(location.search);
      for (const f of fields) {
        if (s[f].length) params.set(f, s[f].join(','));
        else params.delete(f);
      }
      const query = params.toString().replace(/%2C/g, ',');
      try {
        history.replaceState(null, '', (query ? '?' + query : location.pathname) + location.hash);
      } catch (e) {
        // Some browsers refuse history changes on file: pages; filtering still works.
      }
    };

    // A checkpoint closed for some traffic only (data-open-for: the traffic it spares) counts
    // as open for that traffic: under "open" when no traffic is chosen or a chosen one is spared.
    const openFor = (li, s) => {
      if (!li.dataset.openFor || !s.status.includes('open')) return false;
      const spared = li.dataset.openFor.split(' ');
      const wanted = (s.traffic || []).map((t) => t.split(':')[0]);
      return !wanted.length || wanted.some((t) => spared.includes(t));
    };

    // The list beside the official count, for the borders chosen (all, when none is): an
    // empty result is not taken to mean no such checkpoint exists.
    const completeness = document.getElementById('completeness');
    const empty = document.getElementById('result-empty');
    const counts = ((completeness && completeness.dataset.borders) || '')
      .split(',')
      .filter(Boolean)
      .map((t) => t.split(' '))
      .map(([code, listed, official]) => ({ code, listed: +listed, official: +official }));
    const whole = completeness && completeness.querySelector('.completeness-text');
    const wholeText = whole ? whole.textContent : '';
    const complete = (borders, shown) => {
      const picked = counts.filter((c) => borders.includes(c.code));
      const chosen = picked.length ? picked : counts;
      const listed = chosen.reduce((n, c) => n + c.listed, 0);
      const official = chosen.reduce((n, c) => n + c.official, 0);
      if (whole) whole.textContent = picked.length ? fill(completeness.dataset.chosen, { listed, official }) : wholeText;
      if (empty) {
        empty.hidden = shown > 0;
        const incomplete = empty.querySelector('.incomplete');
        if (incomplete) incomplete.hidden = listed >= official;
      }
    };

    const apply = (save) => {
      const s = state();
      const visible = [];
      for (const li of items) {
        const ok = fields.every((f) => {
          if (!s[f].length) return true;
          const values = (li.dataset[f] || 'unknown').split(' ');
          return values.some((v) => s[f].includes(v)) || (f === 'status' && openFor(li, s));
        });
        li.hidden = !ok;
        if (ok) visible.push(li.dataset.id);
      }
      complete(s.border || [], visible.length);
      const active = fields.reduce((n, f) => n + s[f].length, 0);
      const shown = (count && count.dataset.shown) || '{shown} of {total}';
      if (count) count.textContent = fill(shown, { shown: visible.length, total: items.length });
      if (badge) badge.textContent = active ? fill(badge.dataset.on || '({n})', { n: active }) : '';
      if (save) write(s);
      const detail = { visibleIds: visible };
      window.crossingsFilter = detail;
      document.dispatchEvent(new CustomEvent('crossings:filter', { detail }));
    };

    read();
    if (boxes.some((b) => b.checked) || matchMedia('(min-width: 64rem)').matches) form.closest('details')?.setAttribute('open', '');
    form.addEventListener('change', () => apply(true));
    form.addEventListener('reset', () => setTimeout(() => apply(true), 0));
    apply(false);
  };

  // After every deferred script (the map's too), so they all hear the first event.
  if (document.readyState === 'complete') init();
  else document.addEventListener('DOMContentLoaded', init);
})();
