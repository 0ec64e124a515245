// crossings: the service worker, at the site's root so that its scope is the whole site. When a
// page asks (static/site.js), it keeps every page, asset and the search index of the page's
// language, as the build lists them in static/offline.<lang>.json, in a cache named after this
// build, and tells the page the list's note of their size; the feeds and data exports, too large
// to keep unasked, are kept when they are fetched.
// Requests go to the network first and are answered from that cache when it fails or has not
// answered within WAIT_MS (one bar of signal at a border); a page so answered gets its assets
// from the cache too. A new build is a new worker: it keeps the languages the old one kept, then
// deletes the old caches, so pages never mix two builds. The build fills in BUILD and LANGUAGES.
'use strict';
const BUILD = '{{ build }}';
const LANGUAGES = {{ languages }};
const ROOT = new URL('./', self.location.href).href;
const FAMILY = 'crossings ' + ROOT + ' ';
const CACHE = FAMILY + BUILD;
const BATCH = 24;
const WAIT_MS = 3000;
// Kept when fetched: every language's feed and the data exports.
const ON_VISIT = /^([a-z]{2,3}\/)?feed\.xml$|^data\/[^/]+\.(csv|json|geojson)$/;

const manifestUrl = (lang) => ROOT + 'static/offline.' + lang + '.json';
const fresh = (url) => new Request(url, { cache: 'no-cache' });

// The build's list of files for `lang`, fetched fresh; refused if it is another build's.
async function manifestOf(lang) {
  const response = await fetch(fresh(manifestUrl(lang)));
  if (!response.ok) throw new Error('no list of files for ' + lang);
  const manifest = await response.clone().json();
  if (manifest.build !== BUILD) throw new Error('the site has been rebuilt');
  return { manifest, response };
}

// Keep `lang`'s files (those not kept yet), then its list, which marks the language as kept.
async function keep(lang) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(manifestUrl(lang));
  if (kept) return kept.json();
  const { manifest, response } = await manifestOf(lang);
  for (let i = 0; i < manifest.files.length; i += BATCH) {
    const urls = manifest.files.slice(i, i + BATCH).map((f) => ROOT + f);
    const have = await Promise.all(urls.map((u) => cache.match(u)));
    await cache.addAll(urls.filter((u, n) => !have[n]).map(fresh));
  }
  // Files fetched while the site was being replaced would mix two builds: start again later.
  await manifestOf(lang).catch(async (e) => { await caches.delete(CACHE); throw e; });
  await cache.put(manifestUrl(lang), response);
  return manifest;
}

// The languages an earlier build's caches kept.
async function keptBefore() {
  const names = (await caches.keys()).filter((n) => n.startsWith(FAMILY) && n !== CACHE);
  const langs = new Set();
  for (const name of names) {
    const cache = await caches.open(name);
    for (const lang of LANGUAGES) if (await cache.match(manifestUrl(lang))) langs.add(lang);
  }
  return langs;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    for (const lang of await keptBefore()) await keep(lang);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(FAMILY) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const lang = event.data && event.data.keep;
  if (!LANGUAGES.includes(lang) || !event.source) return;
  event.waitUntil(keep(lang).then(
    (manifest) => event.source.postMessage({ kept: lang, note: manifest.note }),
    () => event.source.postMessage({ kept: null }),
  ));
});

// Where the cache keeps `request`: a folder's address is its index.html, the query is ignored.
function keyOf(request) {
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (url.pathname.endsWith('/')) url.pathname += 'index.html';
  return url.href;
}

// The kept copy of `request`, if there is one; a page says it is the kept copy (static/site.js
// shows the date of the build).
async function keptCopy(request) {
  const hit = await caches.match(keyOf(request), { cacheName: CACHE });
  const html = hit && /^text\/html/.test(hit.headers.get('Content-Type') || '');
  if (!hit || request.mode !== 'navigate' || !html) return hit;
  const text = (await hit.text()).replace('<html ', '<html data-offline-copy ');
  return new Response(text, { headers: hit.headers });
}

// The network's answer to `request`, or the kept copy if the network fails or is still silent
// after WAIT_MS; without a copy, the network's answer whenever it comes. `onCopy` hears that the
// copy was used.
async function networkOrCopy(request, network, onCopy) {
  const late = new Promise((resolve) => setTimeout(resolve, WAIT_MS, 'late'));
  const first = await Promise.race([network.catch(() => 'failed'), late]);
  if (first instanceof Response) return first;
  const copy = await keptCopy(request);
  if (copy) {
    onCopy();
    return copy;
  }
  return network.catch(() => Response.error());
}

// Pages (client ids) answered from the kept copy: their assets come from it too.
const copyClients = new Set();

function respond(event) {
  const request = event.request;
  if (copyClients.has(event.clientId) && request.mode !== 'navigate') {
    return keptCopy(request).then((copy) => copy || fetch(request));
  }
  const network = fetch(request);
  const path = request.url.slice(ROOT.length).split(/[?#]/)[0];
  if (ON_VISIT.test(path)) {
    event.waitUntil(network.then((response) => {
      if (!response.ok) return undefined;
      const copy = response.clone();
      return caches.open(CACHE).then((cache) => cache.put(keyOf(request), copy));
    }).catch(() => {}));
  }
  return networkOrCopy(request, network, () => {
    if (request.mode === 'navigate' && event.resultingClientId) copyClients.add(event.resultingClientId);
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(ROOT)) return;
  event.respondWith(respond(event));
});
