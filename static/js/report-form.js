// Activity report form. Progressive enhancement: without it every field shows
// and photos are sent without captions.
// - Choosing an event hides what comes from the event (day, township, point)
//   and the members' hours (they come from the event's attendance list).
// - Chosen photos are previewed, each with an optional caption field.
(function () {
  "use strict";
  var form = document.querySelector("[data-report-form]");
  if (!form) return;
  var stringsNode = document.getElementById("report-form-strings");
  var strings = stringsNode ? JSON.parse(stringsNode.textContent) : {};
  function fill(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  // --- Event or free-standing ------------------------------------------------
  var eventSelect = form.querySelector("select[name=event]");
  var own = form.querySelectorAll("[data-report-own]");
  var fromEvent = form.querySelector("[data-report-from-event]");
  function syncEvent() {
    var linked = !!(eventSelect && eventSelect.value);
    own.forEach(function (node) { node.hidden = linked; });
    if (fromEvent) fromEvent.hidden = !linked;
    // Leaflet measures its box when shown; a resize makes it look again.
    if (!linked) window.dispatchEvent(new Event("resize"));
  }
  if (eventSelect) {
    eventSelect.addEventListener("change", syncEvent);
    syncEvent();
  }

  // --- Photos and captions ----------------------------------------------------
  var input = form.querySelector("input[type=file][name=photos]");
  var list = form.querySelector("[data-photo-captions]");
  var count = form.querySelector("[data-photo-count]");
  var template = document.getElementById("report-caption-template");
  var max = parseInt(form.getAttribute("data-max-photos"), 10) || 9;
  var kept = parseInt(form.getAttribute("data-kept-photos"), 10) || 0;
  var urls = [];
  function removedCount() {
    return form.querySelectorAll("input[name=remove_photos]:checked").length;
  }
  function render() {
    if (!input || !list || !template) return;
    urls.forEach(function (url) { URL.revokeObjectURL(url); });
    urls = [];
    list.textContent = "";
    var files = Array.prototype.slice.call(input.files || []);
    files.forEach(function (file, n) {
      var item = template.content.firstElementChild.cloneNode(true);
      var img = item.querySelector("img");
      var label = item.querySelector("label");
      var field = item.querySelector("input");
      if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
        var url = URL.createObjectURL(file);
        urls.push(url);
        img.src = url;
      } else {
        img.remove();
      }
      field.name = "caption_" + n;
      field.id = "id_caption_" + n;
      label.htmlFor = field.id;
      label.textContent = fill(strings.photo, {n: n + 1}) + " · " + label.textContent;
      item.setAttribute("title", file.name);
      list.appendChild(item);
    });
    var total = kept - removedCount() + files.length;
    if (count) {
      count.textContent = files.length ? fill(strings.chosen, {n: total, max: max}) : "";
      if (total > max) count.textContent = fill(strings.tooMany, {max: max});
      count.classList.toggle("report-upload__count--over", total > max);
    }
  }
  if (input) {
    input.addEventListener("change", render);
    form.querySelectorAll("input[name=remove_photos]").forEach(function (box) {
      box.addEventListener("change", render);
    });
    render();
  }

  // A second tap while large photos upload would send the report twice.
  form.addEventListener("submit", function () {
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
      form.setAttribute("aria-busy", "true");
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = false;
    });
    form.removeAttribute("aria-busy");
  });
})();
