// Qingshui's service worker, rendered by portal/pwa.py. Pages come from the network whenever
// there is one. Without a signal, the volunteer gets the copy kept of their own page (/me/)
// and of the events they opened, a leader their check-in code page (which draws codes kept
// in advance), or else the offline page, which also keeps a check-in code scanned with no
// signal until it can be sent (static/js/offline-checkins.js).
"use strict";
var VERSION = "{{ version }}";
var SHELL = "qingshui-shell-" + VERSION;
var PAGES = "qingshui-pages";
var STATIC = "{{ static_prefix }}";
var SHELL_FILES = {{ shell|safe }}.concat(["/offline/", "/en/offline/"]);
var KEPT = [/^\/(en\/)?me\/$/, /^\/(en\/)?events\/\d+\/$/, /^\/(en\/)?events\/\d+\/checkin\/$/];
var SCAN = /^\/(en\/)?events\/\d+\/check\/[^/]+\/$/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL)
      .then(function (cache) { return cache.addAll(SHELL_FILES); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("qingshui-shell-") === 0 && name !== SHELL;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function offlinePage(path) {
  return caches.match(/^\/en\//.test(path) ? "/en/offline/" : "/offline/");
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(STATIC) === 0) {
    // Static files carry their content's hash in their names: a kept copy is always right.
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(SHELL).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  if (request.mode !== "navigate") return;
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok && KEPT.some(function (page) { return page.test(url.pathname); })) {
          var copy = response.clone();
          caches.open(PAGES).then(function (cache) { cache.put(url.pathname + url.search, copy); });
        }
        return response;
      })
      .catch(function () {
        if (SCAN.test(url.pathname)) return offlinePage(url.pathname);
        return caches.open(PAGES)
          .then(function (cache) { return cache.match(url.pathname + url.search); })
          .then(function (hit) { return hit || offlinePage(url.pathname); });
      })
  );
});
