// The report's own script: the map's filters (event type, date range, undated), the unit routes and the
// jumps to an event's clause in the review text. Filter state lives in the URL hash (#type=capture&
// from=1944-05-01&to=1944-06-30&undated=0&route=2), so a filtered view can be bookmarked or shared.
// Dates are YYYYMMDD integers, never JS Date objects: no timestamp, so no trouble before 1970.
(function () {
  var R = REPORT_MAP, map = R.map;
  var $id = function (id) { return document.getElementById(id); };
  var typeEl = $id("f-type"), fromEl = $id("f-from"), toEl = $id("f-to"), undEl = $id("f-undated"),
      routeEl = $id("f-route"), countEl = $id("f-count"), fromLbl = $id("f-from-label"), toLbl = $id("f-to-label");
  var keys = [];
  R.markers.forEach(function (k) { if (k.a) { keys.push(k.a, k.b); } });
  keys = Array.from(new Set(keys)).sort(function (x, y) { return x - y; });
  var last = Math.max(0, keys.length - 1);
  fromEl.max = toEl.max = String(last);
  fromEl.value = "0"; toEl.value = String(last);

  function iso(k) {
    if (k === undefined) { return "—"; }
    var s = String(k); while (s.length < 8) { s = "0" + s; }
    return s.slice(0, 4) + "-" + s.slice(4, 6) + "-" + s.slice(6, 8);
  }
  function keyOf(text) {
    var m = /^(\d{1,4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text || "");
    return m ? (+m[1]) * 10000 + (+(m[2] || 1)) * 100 + (+(m[3] || 1)) : null;
  }
  function atLeast(k) { for (var i = 0; i < keys.length; i++) { if (keys[i] >= k) { return i; } } return last; }
  function atMost(k) { for (var i = keys.length - 1; i >= 0; i--) { if (keys[i] <= k) { return i; } } return 0; }

  function readHash() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (/^(ev|doc)-/.test(h)) { return null; }
    var state = {};
    h.split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) { state[part.slice(0, i)] = part.slice(i + 1); }
    });
    return state;
  }
  function applyState(state) {
    typeEl.value = state.type && typeEl.querySelector('option[value="' + state.type + '"]') ? state.type : "all";
    var a = keyOf(state.from), b = keyOf(state.to);
    fromEl.value = String(a === null ? 0 : atLeast(a));
    toEl.value = String(b === null ? last : atMost(b));
    undEl.checked = state.undated !== "0";
    routeEl.value = state.route && routeEl.querySelector('option[value="' + state.route + '"]') ? state.route : "";
    filter(true);
  }
  function writeHash() {
    var parts = [];
    if (typeEl.value !== "all") { parts.push("type=" + typeEl.value); }
    if (+fromEl.value > 0) { parts.push("from=" + iso(keys[+fromEl.value])); }
    if (+toEl.value < last) { parts.push("to=" + iso(keys[+toEl.value])); }
    if (!undEl.checked) { parts.push("undated=0"); }
    if (routeEl.value !== "") { parts.push("route=" + routeEl.value); }
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
  }
  function filter(fromHash) {
    if (+fromEl.value > +toEl.value) { var t = fromEl.value; fromEl.value = toEl.value; toEl.value = t; }
    var type = typeEl.value, lo = keys[+fromEl.value], hi = keys[+toEl.value], shown = 0;
    R.markers.forEach(function (k) {
      var ok = (type === "all" || k.t === type) && (k.a ? (k.b >= lo && k.a <= hi) : undEl.checked);
      if (ok) { shown++; if (!k.g.hasLayer(k.m)) { k.g.addLayer(k.m); } }
      else if (k.g.hasLayer(k.m)) { k.g.removeLayer(k.m); }
    });
    fromLbl.textContent = iso(lo); toLbl.textContent = iso(hi);
    countEl.textContent = shown + " of " + R.markers.length + " placed events shown";
    R.routes.forEach(function (g, i) {
      var on = String(i) === routeEl.value;
      if (on && !map.hasLayer(g)) { map.addLayer(g); map.fitBounds(g.getBounds(), {padding: [30, 30]}); }
      if (!on && map.hasLayer(g)) { map.removeLayer(g); }
    });
    document.body.setAttribute("data-shown", String(shown));
    if (!fromHash) { writeHash(); }
  }
  [typeEl, fromEl, toEl, undEl, routeEl].forEach(function (el) {
    el.addEventListener("input", function () { filter(false); });
    el.addEventListener("change", function () { filter(false); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-route]"), function (button) {
    button.addEventListener("click", function () {
      routeEl.value = button.getAttribute("data-route"); filter(false);
      $id("map-section").scrollIntoView();
    });
  });

  function openDetails(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
  }
  function jump() {
    var h = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!/^(ev|doc)-/.test(h)) { var state = readHash(); if (state) { applyState(state); } return; }
    var target = $id(h);
    if (!target) { return; }
    openDetails(target);
    if (h.indexOf("ev-") === 0) {
      var id = h.slice(3);
      Array.prototype.forEach.call(document.querySelectorAll(".clause.flash"), function (c) { c.classList.remove("flash"); });
      Array.prototype.forEach.call(document.querySelectorAll(".clause"), function (c) {
        if ((" " + c.getAttribute("data-ev") + " ").indexOf(" " + id + " ") >= 0) { c.classList.add("flash"); }
      });
    }
    target.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", jump);
  jump();
  document.body.setAttribute("data-report-ready", "1");
})();
