// The index map: zoom and pan by wheel, pinch, drag, buttons and keyboard; labels shown only at
// zoom levels where the build found they do not overlap; country names at a readable size;
// markers follow the list's filters.
(function () {
  'use strict';
  var svg = document.querySelector('svg.map');
  if (!svg) return;
  var box = svg.viewBox.baseVal;
  var W = box.width, H = box.height;
  var view = { x: 0, y: 0, w: W, h: H };
  var LEVELS = (svg.dataset.levels || '1').split(' ').map(Number);
  var MARKER_PX = 18, LABEL_PX = 14, COUNTRY_PX = 13;
  var markers = svg.querySelectorAll('a.marker');
  var labels = svg.querySelectorAll('text.label');
  var countries = Array.from(svg.querySelectorAll('text.country-label')).sort(function (a, b) {
    return b.classList.contains('l-kz') - a.classList.contains('l-kz');
  });

  // Country names at a readable size on screen, whatever the map's width and zoom; where two
  // would overlap, Kazakhstan's is kept, then the first in the map's order.
  // All writes first, then all reads, then the writes they decide: one layout, not one per name.
  function drawCountries(unit) {
    countries.forEach(function (t) {
      t.style.fontSize = (COUNTRY_PX * unit).toFixed(2) + 'px';
      t.classList.remove('hidden');
    });
    var boxes = countries.map(function (t) { return t.getBBox(); });
    var shown = [];
    countries.forEach(function (t, i) {
      var b = boxes[i];
      var clash = shown.some(function (o) {
        return b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height;
      });
      if (clash) t.classList.add('hidden'); else shown.push(b);
    });
  }

  function pxPerUnit() { return (svg.clientWidth || W) / view.w; }

  function draw() {
    view.w = Math.min(W, Math.max(W / 16, view.w));
    view.h = view.w * H / W;
    view.x = Math.min(W - view.w, Math.max(0, view.x));
    view.y = Math.min(H - view.h, Math.max(0, view.y));
    svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(' '));
    var unit = 1 / pxPerUnit();
    drawCountries(unit);
    var size = MARKER_PX * unit;
    markers.forEach(function (a) {
      var x = +a.dataset.x - size / 2, y = +a.dataset.y - size / 2;
      a.querySelectorAll('use').forEach(function (u) {
        u.setAttribute('x', x.toFixed(2)); u.setAttribute('y', y.toFixed(2));
        u.setAttribute('width', size.toFixed(2)); u.setAttribute('height', size.toFixed(2));
      });
    });
    // The build placed labels for a 1000-unit-wide map at 14 units per level; scale to screen.
    var effective = pxPerUnit() * 1000 / W;
    var level = LEVELS.filter(function (l) { return l <= effective + 1e-9; }).pop() || 0;
    labels.forEach(function (t) {
      var hiddenByFilter = t.classList.contains('filtered');
      t.classList.toggle('hidden', hiddenByFilter || +t.dataset.minzoom > level);
      t.setAttribute('font-size', (LABEL_PX * unit).toFixed(2));
      t.setAttribute('dx', (size * 0.6).toFixed(2));
    });
  }

  function toMap(clientX, clientY) {
    var r = svg.getBoundingClientRect();
    return { x: view.x + (clientX - r.left) / r.width * view.w, y: view.y + (clientY - r.top) / r.height * view.h };
  }

  function zoomAt(factor, p) {
    var w = Math.min(W, Math.max(W / 16, view.w / factor));
    var f = w / view.w;
    view.x = p.x - (p.x - view.x) * f;
    view.y = p.y - (p.y - view.y) * f;
    view.w = w;
    draw();
  }
  function centre() { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; }
  function reset() { view = { x: 0, y: 0, w: W, h: H }; draw(); }

  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    zoomAt(Math.exp(-ev.deltaY * 0.002), toMap(ev.clientX, ev.clientY));
  }, { passive: false });

  var pointers = new Map();
  var pinch = null;
  var moved = false;
  svg.addEventListener('pointerdown', function (ev) {
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    moved = false;
    if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      pinch = { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) };
    }
  });
  svg.addEventListener('pointermove', function (ev) {
    var last = pointers.get(ev.pointerId);
    if (!last) return;
    var r = svg.getBoundingClientRect();
    if (pointers.size === 1) {
      var dx = ev.clientX - last.x, dy = ev.clientY - last.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      if (moved) {
        if (!svg.hasPointerCapture(ev.pointerId)) svg.setPointerCapture(ev.pointerId);
        view.x -= dx / r.width * view.w;
        view.y -= dy / r.height * view.h;
        draw();
      }
    }
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (pointers.size === 2 && pinch) {
      var p = Array.from(pointers.values());
      var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      moved = true;
      zoomAt(d / pinch.d, toMap((p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2));
      pinch.d = d;
    }
  });
  function lift(ev) { pointers.delete(ev.pointerId); if (pointers.size < 2) pinch = null; }
  svg.addEventListener('pointerup', lift);
  svg.addEventListener('pointercancel', lift);
  // A drag is not a click on the marker under it.
  svg.addEventListener('click', function (ev) { if (moved) { ev.preventDefault(); moved = false; } }, true);

  var wrap = svg.closest('figure') || svg.parentNode;
  wrap.addEventListener('click', function (ev) {
    var b = ev.target.closest('button[data-zoom]');
    if (!b) return;
    var z = b.dataset.zoom;
    if (z === 'in') zoomAt(2, centre()); else if (z === 'out') zoomAt(0.5, centre()); else reset();
  });
  wrap.addEventListener('keydown', function (ev) {
    if (ev.target.closest('a.marker') && /^Arrow/.test(ev.key)) return;
    var step = view.w / 8;
    var keys = {
      '+': function () { zoomAt(2, centre()); }, '=': function () { zoomAt(2, centre()); },
      '-': function () { zoomAt(0.5, centre()); }, '0': reset,
      ArrowLeft: function () { view.x -= step; draw(); }, ArrowRight: function () { view.x += step; draw(); },
      ArrowUp: function () { view.y -= step; draw(); }, ArrowDown: function () { view.y += step; draw(); }
    };
    if (keys[ev.key] && !ev.ctrlKey && !ev.metaKey) { ev.preventDefault(); keys[ev.key](); }
  });
  // Keep a focused marker in view.
  svg.addEventListener('focusin', function (ev) {
    var a = ev.target.closest('a.marker');
    if (!a) return;
    var x = +a.dataset.x, y = +a.dataset.y;
    if (x < view.x || x > view.x + view.w || y < view.y || y > view.y + view.h) {
      view.x = x - view.w / 2; view.y = y - view.h / 2; draw();
    }
  });

  document.addEventListener('crossings:filter', function (ev) {
    var visible = new Set(ev.detail.visibleIds);
    markers.forEach(function (a) {
      var on = visible.has(a.dataset.id);
      a.classList.toggle('filtered', !on);
      if (on) a.removeAttribute('tabindex'); else a.setAttribute('tabindex', '-1');
    });
    labels.forEach(function (t) { t.classList.toggle('filtered', !visible.has(t.dataset.id)); });
    draw();
  });

  window.addEventListener('resize', draw);
  draw();
})();
