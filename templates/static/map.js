// The index map: zoom and pan by wheel, pinch, drag, buttons and keyboard; labels shown only at
// zoom levels where the build found they do not overlap, and only where they fit on screen;
// country names at a readable size; markers big enough to tap;
// markers follow the list's filters.
(function () {
  'use strict';
  var svg = document.querySelector('svg.map');
  if (!svg) return;
  var box = svg.viewBox.baseVal;
  var W = box.width, H = box.height;
  var view = { x: 0, y: 0, w: W, h: H };
  var LEVELS = (svg.dataset.levels || '1').split(' ').map(Number);
  var MARKER_PX = 18, HIT_PX = 28, LABEL_PX = 14, COUNTRY_PX = 13, PAD_PX = 1;
  var markers = svg.querySelectorAll('a.marker');
  var labels = svg.querySelectorAll('text.label');
  var countries = Array.from(svg.querySelectorAll('text.country-label')).sort(function (a, b) {
    return b.classList.contains('l-kz') - a.classList.contains('l-kz');
  });

  // Every label on screen, measured: country names first (Kazakhstan's, then the map's order),
  // then the checkpoints' labels the build allows at this level, in its order. A label is
  // shown only where it overlaps no label shown before it and lies wholly inside the view; a
  // checkpoint's label that would run past the right edge goes left of its marker.
  // All writes first, then all reads, then the writes they decide: one layout, not one per label.
  function placeLabels(unit, level, gap) {
    var candidates = [];
    countries.forEach(function (t) {
      t.style.fontSize = (COUNTRY_PX * unit).toFixed(2) + 'px';
      t.classList.remove('hidden');
      candidates.push(t);
    });
    labels.forEach(function (t) {
      t.setAttribute('font-size', (LABEL_PX * unit).toFixed(2));
      t.setAttribute('dx', gap.toFixed(2));
      t.removeAttribute('text-anchor');
      var allowed = !t.classList.contains('filtered') && +t.dataset.minzoom <= level;
      t.classList.toggle('hidden', !allowed);
      if (allowed) candidates.push(t);
    });
    var boxes = candidates.map(function (t) { return t.getBBox(); });
    var pad = PAD_PX * unit;
    var edge = { x0: view.x, y0: view.y, x1: view.x + view.w, y1: view.y + view.h };
    var inside = function (b) { return b.x0 >= edge.x0 && b.y0 >= edge.y0 && b.x1 <= edge.x1 && b.y1 <= edge.y1; };
    var clear = function (b, shown) {
      return shown.every(function (o) { return b.x1 <= o.x0 || o.x1 <= b.x0 || b.y1 <= o.y0 || o.y1 <= b.y0; });
    };
    var shown = [];
    candidates.forEach(function (t, i) {
      var r = boxes[i];
      var b = { x0: r.x - pad, y0: r.y - pad, x1: r.x + r.width + pad, y1: r.y + r.height + pad };
      var flip = false;
      if (b.x1 > edge.x1 && t.classList.contains('label')) {
        var end = +t.getAttribute('x') - gap;
        b = { x0: end - r.width - pad, y0: b.y0, x1: end + pad, y1: b.y1 };
        flip = true;
      }
      var ok = inside(b) && clear(b, shown);
      t.classList.toggle('hidden', !ok);
      if (!ok) return;
      shown.push(b);
      if (flip) {
        t.setAttribute('text-anchor', 'end');
        t.setAttribute('dx', (-gap).toFixed(2));
      }
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
    var size = MARKER_PX * unit;
    markers.forEach(function (a) {
      var x = +a.dataset.x - size / 2, y = +a.dataset.y - size / 2;
      a.querySelectorAll('use').forEach(function (u) {
        u.setAttribute('x', x.toFixed(2)); u.setAttribute('y', y.toFixed(2));
        u.setAttribute('width', size.toFixed(2)); u.setAttribute('height', size.toFixed(2));
      });
      // A finger's tap target around the symbol, whatever the zoom.
      var hit = a.querySelector('circle.hit');
      if (hit) hit.setAttribute('r', (HIT_PX / 2 * unit).toFixed(2));
    });
    // The build placed labels for a 1000-unit-wide map at 14 units per level; scale to screen.
    var effective = pxPerUnit() * 1000 / W;
    var level = LEVELS.filter(function (l) { return l <= effective + 1e-9; }).pop() || 0;
    placeLabels(unit, level, size * 0.6);
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
