// Progressive enhancement only: every page works without this file.
(function () {
  document.documentElement.classList.remove("no-js");
  var toggle = document.querySelector("[data-nav-toggle]");
  var nav = document.querySelector("[data-nav]");
  if (!toggle || !nav) return;
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-controls", nav.id);
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("is-open", !open);
  });
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " ") {  // a button opens on Space as well as Enter
      event.preventDefault();
      toggle.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      toggle.setAttribute("aria-expanded", "false");
      nav.classList.remove("is-open");
      toggle.focus();
    }
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
