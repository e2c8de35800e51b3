// Keeps the leader's check-in code fresh: fetches the current code every half
// minute, counts down to the next fetch and updates the counts. Without this
// file the page reloads itself (a <noscript> refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-checkin-code]");
  if (!box || !box.hasAttribute("data-poll") || !window.fetch) return;
  var url = box.getAttribute("data-refresh-url");
  var wasOpen = box.getAttribute("data-open") === "1";
  var holder = box.querySelector("[data-checkin-svg]");
  var countdown = box.querySelector("[data-checkin-countdown]");
  var due = Date.now() + (parseInt(box.getAttribute("data-refresh-in"), 10) || 30) * 1000;
  var busy = false;
  var failed = false;
  var lock = null;

  function show(text) {
    if (countdown) countdown.textContent = text;
  }

  function tick() {
    var left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
    if (left <= 0) {
      refresh();
    } else if (failed && holder && holder.hasAttribute("data-drawn-here")) {
      // Offline with kept codes: a new minute, a new code.
      if (holder.getAttribute("data-drawn-here") !== String(Math.floor(Date.now() / 60000))) drawKept();
      show(box.getAttribute("data-offline"));
    } else if (countdown && !busy) {
      show(countdown.getAttribute(failed ? "data-failed" : "data-template").replace("%s", left));
    }
  }

  // Codes for the coming hour, kept on the phone: without a signal the page draws the
  // current minute's itself (qrcode-generator), so the code still changes every minute.
  var codesKey = box.getAttribute("data-codes-key");
  var ahead = [];
  function keep(list) {
    if (!list || !list.length) return;
    ahead = list;
    try { window.localStorage.setItem(codesKey, JSON.stringify(list)); } catch (e) { /* full or private */ }
  }
  var given = document.getElementById("checkin-ahead");
  keep(given ? JSON.parse(given.textContent) : null);
  if (!ahead.length) {
    try { ahead = JSON.parse(window.localStorage.getItem(codesKey)) || []; } catch (e) { ahead = []; }
  }
  function drawKept() {
    var minute = Math.floor(Date.now() / 60000);
    var code = ahead.filter(function (entry) { return entry[0] === minute; })[0];
    if (!code || !holder || !window.qrcode) return false;
    var qr = window.qrcode(0, "M");
    qr.addData(code[1]);
    qr.make();
    holder.innerHTML = qr.createSvgTag({cellSize: 1, margin: 2, scalable: true});
    holder.setAttribute("data-drawn-here", String(minute));
    return true;
  }

  function apply(data) {
    if (Boolean(data.open) !== wasOpen) {
      // Check-in opened or closed: the page says what to do now.
      window.location.reload();
      return;
    }
    if (holder && data.svg) {
      holder.innerHTML = data.svg;
      holder.removeAttribute("data-drawn-here");
    }
    keep(data.ahead);
    Object.keys(data.counts || {}).forEach(function (key) {
      var cell = document.querySelector('[data-checkin-count="' + key + '"]');
      if (cell) cell.textContent = data.counts[key];
    });
    due = Date.now() + Math.max(1, data.refresh_in || 30) * 1000;
    failed = false;
  }

  function refresh() {
    if (busy) return;
    busy = true;
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        // A redirect means the session ended: the page takes the leader to sign in.
        if (response.redirected) {
          window.location.reload();
          throw new Error("signed out");
        }
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(apply)
      .catch(function () {
        due = Date.now() + 10000;
        failed = true;
        drawKept();
      })
      .then(function () {
        busy = false;
      });
  }

  // Keep the leader's screen on while the code is shown, where the phone allows it.
  function keepAwake() {
    if (!wasOpen || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").then(function (sentinel) { lock = sentinel; }, function () {});
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      refresh();
      keepAwake();
    }
  });
  keepAwake();
  tick();
  window.setInterval(tick, 1000);
  window.addEventListener("pagehide", function () {
    if (lock) lock.release();
  });
})();
