/* Service worker of the portal (served at /sw.js). Static files: cache first. Pages: network first,
   the last copy kept for reading without a connection. Pages are kept only while someone is signed
   in: the page scripts (static/js/offline.js) delete them at sign-out and on the sign-in page. */
const VERSION = "{{ version }}";
const STATIC_CACHE = "ytich-static-" + VERSION;
const PAGE_CACHE = "ytich-pages";
const SHELL = {{ shell|safe }};
const OFFLINE_PAGE = "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width, initial-scale=1'><title>{{ offline_title|escapejs }}</title><p>{{ offline_text|escapejs }} <a href='/'>{{ home|escapejs }}</a></p>";
const NEVER = ["/admin/", "/login/", "/logout/", "/offline/", "/i18n/", "/api/", "/sw.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("ytich-static-") && k !== STATIC_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "signed-out") {
    event.waitUntil(caches.delete(PAGE_CACHE));
  }
});

// The pages kept for reading offline: the village head's (home, reports, the children list, risk
// sites, tasks). Other pages are fetched as usual and never stored on the phone.
const KEPT = [/^\/$/, /^\/reporting\/$/, /^\/reporting\/periods\/\d+\/areas\/\d+\/$/, /^\/reporting\/reports\/\d+\/$/,
  /^\/children\/(new\/|reported\/)?$/, /^\/programs\/sites\/(new\/)?$/, /^\/programs\/tasks\/(\d+\/)?$/];

function isPage(request, url) {
  return request.mode === "navigate" && !NEVER.some((p) => url.pathname.startsWith(p));
}

function isKept(request, response) {
  const url = new URL(request.url);
  const type = response.headers.get("Content-Type") || "";
  // (Cache-Control is not consulted: it governs shared HTTP caches; what this app keeps on the phone
  // is decided by KEPT and deleted at sign-out.)
  return response.ok && !response.redirected && type.startsWith("text/html") && KEPT.some((re) => re.test(url.pathname));
}

async function staticFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(STATIC_CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (isKept(request, response)) (await caches.open(PAGE_CACHE)).put(request, response.clone());
    return response;
  } catch (err) {
    const cached = await (await caches.open(PAGE_CACHE)).match(request, { ignoreSearch: false });
    if (cached) return cached;
    return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFirst(request));
  } else if (isPage(request, url)) {
    event.respondWith(networkFirst(request));
  }
});
