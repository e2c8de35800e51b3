// Click-to-set map for an event's exact point. Progressive enhancement: the
// latitude/longitude fields work on their own; this adds a map beside them.
// Points are WGS-84 in the form; on GCJ-02 tiles (AutoNavi) they are shifted
// for drawing and clicks are shifted back.
(function () {
  "use strict";
  var holder = document.querySelector("[data-map-picker]");
  var configNode = document.getElementById("map-picker-config");
  if (!holder || !configNode || !window.L) return;
  var config = JSON.parse(configNode.textContent);
  var latInput = holder.querySelector("input[name=lat]");
  var lonInput = holder.querySelector("input[name=lon]");
  var township = document.querySelector("select[name=township]");
  if (!latInput || !lonInput) return;

  var PI = Math.PI, A = 6378245.0, EE = 0.00669342162296594323;
  function outOfChina(lat, lon) { return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271); }
  function tLat(x, y) {
    var r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
    r += (20 * Math.sin(y * PI) + 40 * Math.sin(y / 3 * PI)) * 2 / 3;
    return r + (160 * Math.sin(y / 12 * PI) + 320 * Math.sin(y * PI / 30)) * 2 / 3;
  }
  function tLon(x, y) {
    var r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
    r += (20 * Math.sin(x * PI) + 40 * Math.sin(x / 3 * PI)) * 2 / 3;
    return r + (150 * Math.sin(x / 12 * PI) + 300 * Math.sin(x / 30 * PI)) * 2 / 3;
  }
  function toGcj(lat, lon) {
    if (outOfChina(lat, lon)) return [lat, lon];
    var dLat = tLat(lon - 105, lat - 35), dLon = tLon(lon - 105, lat - 35);
    var rad = lat / 180 * PI, magic = 1 - EE * Math.sin(rad) * Math.sin(rad), sq = Math.sqrt(magic);
    dLat = (dLat * 180) / ((A * (1 - EE)) / (magic * sq) * PI);
    dLon = (dLon * 180) / (A / sq * Math.cos(rad) * PI);
    return [lat + dLat, lon + dLon];
  }
  function fromGcj(lat, lon) {  // iterate the forward shift: well under a metre after a few rounds
    var w = [lat, lon];
    for (var i = 0; i < 5; i++) {
      var g = toGcj(w[0], w[1]);
      w = [w[0] - (g[0] - lat), w[1] - (g[1] - lon)];
    }
    return w;
  }
  var draw = config.gcj02 ? toGcj : function (a, b) { return [a, b]; };
  var store = config.gcj02 ? fromGcj : function (a, b) { return [a, b]; };

  var box = document.createElement("div");
  box.className = "map-picker__map";
  box.setAttribute("role", "application");
  box.setAttribute("aria-label", config.label);
  holder.appendChild(box);
  var hint = document.createElement("p");
  hint.className = "field__help";
  hint.textContent = config.hint;
  holder.appendChild(hint);

  var map = L.map(box, {scrollWheelZoom: false, dragging: !L.Browser.mobile, tap: false});
  L.tileLayer(config.tiles, {attribution: config.attribution, subdomains: config.subdomains || "abc", maxZoom: 18}).addTo(map);
  if (config.labels) L.tileLayer(config.labels, {subdomains: config.subdomains || "abc", maxZoom: 18}).addTo(map);
  // The CSS-derived image path breaks once collectstatic hashes file names; use real URLs.
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions(config.icons);
  var marker = null;

  function current() {
    var lat = parseFloat(latInput.value), lon = parseFloat(lonInput.value);
    if (!isNaN(lat) && !isNaN(lon)) return [lat, lon];
    var point = township && config.townships[township.value];
    return point || config.centre;
  }
  function show(recentre) {
    var point = current(), drawn = draw(point[0], point[1]);
    if (marker) { marker.setLatLng(drawn); } else { marker = L.marker(drawn).addTo(map); }
    if (recentre) map.setView(drawn, latInput.value ? 15 : 13);
  }
  map.on("click", function (event) {
    var point = store(event.latlng.lat, event.latlng.lng);
    latInput.value = point[0].toFixed(6);
    lonInput.value = point[1].toFixed(6);
    show(false);
  });
  [latInput, lonInput].forEach(function (input) { input.addEventListener("change", function () { show(true); }); });
  if (township) township.addEventListener("change", function () { if (!latInput.value) show(true); });
  show(true);
})();
