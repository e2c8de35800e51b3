// "Share my position" on the check-in page. Optional in every way: the box
// appears only where the phone can tell its position, a refusal or a timeout
// leaves the hidden fields empty, and checking in works without them.
(function () {
  "use strict";
  var form = document.querySelector("[data-checkin-form]");
  if (!form) return;
  var button = form.querySelector("[data-checkin-button]");
  // One press is enough: a second would only be told "already checked in".
  form.addEventListener("submit", function (event) {
    if (event.defaultPrevented || !button) return;
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
  window.addEventListener("pageshow", function () {
    if (button) button.disabled = false;
  });
  var panel = form.querySelector("[data-checkin-position]");
  if (!panel || !("geolocation" in navigator)) return;
  var box = panel.querySelector("input[name=share_position]");
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var status = panel.querySelector("[data-position-status]");
  var looking = false;
  var sendWhenDone = false;
  panel.hidden = false;

  function say(key) {
    status.textContent = key ? status.getAttribute("data-" + key) : "";
  }

  function send() {
    sendWhenDone = false;
    form.submit();
  }

  function found(position) {
    looking = false;
    if (!box.checked) return;
    lat.value = position.coords.latitude.toFixed(6);
    lon.value = position.coords.longitude.toFixed(6);
    say("found");
    if (sendWhenDone) send();
  }

  function failed() {
    looking = false;
    lat.value = lon.value = "";
    box.checked = false;
    say("failed");
    if (sendWhenDone) send();
  }

  function locate() {
    looking = true;
    say("finding");
    navigator.geolocation.getCurrentPosition(found, failed, {
      enableHighAccuracy: true,
      timeout: 15000,
      maximumAge: 60000,
    });
  }

  box.addEventListener("change", function () {
    if (box.checked) {
      locate();
    } else {
      lat.value = lon.value = "";
      say("");
    }
  });

  // Pressed while the phone is still looking: wait a little, then go anyway.
  form.addEventListener("submit", function (event) {
    if (!looking || !box.checked) return;
    event.preventDefault();
    if (sendWhenDone) return;
    sendWhenDone = true;
    if (button) button.disabled = true;
    window.setTimeout(function () {
      if (sendWhenDone) send();
    }, 5000);
  });
})();
