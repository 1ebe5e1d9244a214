// Keeps a care worker's day, a driver's manifest and an outreach worker's door page usable without a network: the pages they
// opened, and the styles and script those need. Only the worker's own pages are kept, on their
// phone, and the page's script empties this cache when they sign out. Records made offline do not pass through here:
// the page's outbox holds them and sends them when the network is back.
var CACHE = "opora-day-v3";
var ASSETS = ["/css/opora.css", "/js/outbox.js"];
// What the page last said of the network: a phone that knows it is offline gets the kept day at
// once instead of after the network's time-out.
var offline = false;

self.addEventListener("message", function (event) {
  if (event.data && typeof event.data.online === "boolean") offline = !event.data.online;
});

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

var PAGES = ["/home-care/my-day", "/home-care/transport/manifest", "/outreach/door"];

function isDayPage(url) {
  return url.origin === self.location.origin && PAGES.indexOf(url.pathname) >= 0;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (isDayPage(url)) {
    // The network first, so an online worker always sees the plan in force; the kept copy when
    // there is none. A page that was redirected (to sign-in) is not kept.
    event.respondWith(
      (offline ? Promise.reject(new Error("offline")) : fetch(request)).then(function (response) {
        if (response.ok && !response.redirected) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.open(CACHE).then(function (cache) {
          return cache.match(request).then(function (found) {
            return found || cache.match(new URL(request.url).pathname);
          });
        }).then(function (found) {
          return found || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
        });
      })
    );
    return;
  }
  if (url.origin === self.location.origin && ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () { return caches.match(request); })
    );
  }
});
