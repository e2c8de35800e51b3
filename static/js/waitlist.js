// Keeps a volunteer's place in a waiting list up to date while the page is open: asks for
// each waiting sign-up's position every half minute (only while the page is in view) and
// reloads the page once a place is theirs, so it shows what to do next.
(function () {
  "use strict";
  var tags = Array.prototype.slice.call(document.querySelectorAll("[data-waitlist]"));
  if (!tags.length || !window.fetch) return;
  var EVERY = 30 * 1000;

  function check() {
    if (document.visibilityState === "hidden") return;
    tags.forEach(function (tag) {
      fetch(tag.getAttribute("data-waitlist"), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          if (data.status !== "waitlisted") {
            window.location.reload();
          } else if (data.text && data.text !== tag.textContent) {
            tag.textContent = data.text;
            tag.classList.add("tag--moved");
          }
        })
        .catch(function () {});  // offline for a moment: the next round tries again
    });
  }

  window.setInterval(check, EVERY);
  document.addEventListener("visibilitychange", check);
})();
