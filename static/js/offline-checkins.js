// Check-in without a signal. When a code is scanned with no connection, the service worker
// answers with the offline page; this keeps the code on the phone (localStorage), and on
// any page, as soon as the phone is online, sends what it kept. The portal records each
// scan at the minute of its code, accepts it for 12 hours, and only once.
(function () {
  "use strict";
  var KEY = "qingshui.offline-checkins";
  var LIMIT = 12 * 3600 * 1000;
  var SCAN = /^\/(en\/)?events\/(\d+)\/check\/([^/]+)\/$/;
  var storage;
  try { storage = window.localStorage; } catch (e) { return; }
  if (!storage || !window.fetch) return;

  function load() {
    try { return JSON.parse(storage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(items) {
    if (items.length) storage.setItem(KEY, JSON.stringify(items)); else storage.removeItem(KEY);
  }
  function codeTime(token) {
    var found = /^[io]([0-9a-f]+)-/.exec(token);
    return found ? new Date(parseInt(found[1], 16) * 60000) : null;
  }
  function fresh(item) {
    var when = codeTime(item.token);
    return when && Date.now() - when.getTime() < LIMIT;
  }
  function clock(when) {
    return ("0" + when.getHours()).slice(-2) + ":" + ("0" + when.getMinutes()).slice(-2);
  }
  function say(text, kind) {
    if (!text) return;
    var box = document.querySelector("[data-offline-status]");
    var note = document.createElement("p");
    note.className = "message message--" + kind;
    note.setAttribute("role", "status");
    note.setAttribute("data-offline-message", kind);
    note.textContent = text;
    if (box) box.appendChild(note);
    else (document.querySelector("main") || document.body).prepend(note);
  }

  // The offline page, opened by a scan: keep the code.
  var page = document.querySelector("[data-offline-page]");
  var scan = SCAN.exec(window.location.pathname);
  if (page && scan) {
    var kept = load().filter(fresh);
    if (!kept.some(function (item) { return item.token === scan[3]; })) {
      kept.push({event: scan[2], token: scan[3], prefix: scan[1] || ""});
    }
    save(kept);
    say(page.getAttribute("data-kept").replace("%s", clock(codeTime(scan[3]))), "success");
  }

  function csrf() {
    var found = /(?:^|; )csrftoken=([^;]+)/.exec(document.cookie);
    return found ? decodeURIComponent(found[1]) : "";
  }

  var sending = false;
  function send() {
    if (sending || !navigator.onLine) return;
    var items = load().filter(fresh);
    save(items);
    if (!items.length) return;
    sending = true;
    var done = {};
    items.reduce(function (chain, item) {
      return chain.then(function () {
        var body = new FormData();
        body.append("token", item.token);
        return fetch("/" + item.prefix + "events/" + item.event + "/check/sync/", {
          method: "POST", body: body, credentials: "same-origin",
          headers: {"X-CSRFToken": csrf()}
        }).then(function (response) {
          // 200: recorded; 400: it can never count. Either way the phone forgets it. Anything
          // else (signed out, the portal down) keeps it for the next try.
          if (response.status !== 200 && response.status !== 400) return;
          done[item.token] = true;
          return response.json().then(function (data) {
            say(data.message || data.error, response.ok ? "success" : "error");
          });
        }).catch(function () {});
      });
    }, Promise.resolve()).then(function () {
      // Read again: a code scanned meanwhile stays.
      save(load().filter(function (item) { return !done[item.token]; }));
      sending = false;
    });
  }
  window.addEventListener("online", send);
  send();
})();
