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
    } else if (countdown && !busy) {
      show(countdown.getAttribute(failed ? "data-failed" : "data-template").replace("%s", left));
    }
  }

  function apply(data) {
    if (Boolean(data.open) !== wasOpen) {
      // Check-in opened or closed: the page says what to do now.
      window.location.reload();
      return;
    }
    if (holder && data.svg) holder.innerHTML = data.svg;
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
