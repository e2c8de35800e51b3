// Progressive enhancement only: every page works without this file.
(function () {
  document.documentElement.classList.remove("no-js");

  // A link to a panel shown by :target (the menu, a phone's filters) becomes a button that
  // opens and closes it in place, on Space as well as Enter; Escape closes it again.
  function disclosure(toggle, panel) {
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-controls", panel.id);
    toggle.setAttribute("aria-expanded", "false");
    function set(open) {
      toggle.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("is-open", open);
    }
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      set(toggle.getAttribute("aria-expanded") !== "true");
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        toggle.click();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel.classList.contains("is-open")) {
        set(false);
        toggle.focus();
      }
    });
    return set;
  }

  var nav = document.querySelector("[data-nav]");
  var navToggle = document.querySelector("[data-nav-toggle]");
  if (nav && navToggle) disclosure(navToggle, nav);
  document.querySelectorAll("[data-panel-toggle]").forEach(function (toggle) {
    var panel = document.getElementById(toggle.getAttribute("href").slice(1));
    if (panel) disclosure(toggle, panel);
  });

  // "Near me": the position is asked for only on this tap, rounded to about a kilometre
  // and put in the list's address; nothing keeps it. Refused or unavailable, the township
  // picker opens instead.
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    var form = document.getElementById(button.getAttribute("href").slice(1));
    var label = button.textContent;
    function fallBack() {
      button.textContent = label;
      if (!form) return;
      var why = form.querySelector("[data-near-refused]");
      if (why) why.hidden = false;
      form.classList.add("is-open");
      var select = form.querySelector("select");
      if (select) select.focus();
    }
    button.addEventListener("click", function (event) {
      if (!navigator.geolocation) return;  // the link opens the township picker
      event.preventDefault();
      button.textContent = button.getAttribute("data-locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        var params = new URLSearchParams(window.location.search);
        params.delete("page");
        params.set("near", position.coords.latitude.toFixed(2) + "," + position.coords.longitude.toFixed(2));
        window.location.href = button.getAttribute("data-near-url") + "?" + params.toString();
      }, fallBack, {timeout: 10000, maximumAge: 600000});
    });
  });
})();

// The portal keeps working without a signal (portal/pwa.py, docs/offline.md). Signing out
// forgets the pages kept on this phone and any check-in waiting to be sent.
(function () {
  if (!("serviceWorker" in navigator)) return;
  // After the page has loaded: what the worker keeps must not compete with what it shows.
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () {});
  });
  document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
    form.addEventListener("submit", function () {
      if (window.caches) caches.delete("qingshui-pages");
      try { window.localStorage.removeItem("qingshui.offline-checkins"); } catch (e) { /* private mode */ }
    });
  });
})();

// Sharing an event: "copy link", and inside WeChat's browser (where an .ics download does
// nothing) the calendar button gives way to how to get the event into a calendar.
(function () {
  if (/MicroMessenger/i.test(navigator.userAgent)) {
    document.querySelectorAll("[data-add-to-calendar]").forEach(function (link) {
      link.hidden = true;
    });
    document.querySelectorAll("[data-wechat-hint]").forEach(function (hint) {
      hint.hidden = false;
    });
  }
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var status = document.querySelector("[data-copy-status]");
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-link");
      var done = function () {
        if (status) status.hidden = false;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("", url); });
      } else {
        window.prompt("", url);  // older in-app browsers: the visitor copies it themselves
      }
    });
  });
})();
