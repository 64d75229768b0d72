(function () {
  "use strict";
  var errors = [];
  function record(msg) {
    errors.push(String(msg));
    var box = document.getElementById("js-errors");
    if (box) {
      box.textContent = errors.join("\n");
      box.setAttribute("data-count", String(errors.length));
    }
  }
  window.addEventListener("error", function (e) {
    record("error: " + (e.message || e.type) + (e.filename ? " at " + e.filename + ":" + e.lineno : ""));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    record("csp: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
  });

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) { return numeric ? 0 : ""; }
    var v = cell.getAttribute("data-v");
    if (v === null) { v = cell.textContent; }
    return numeric ? (parseFloat(v) || 0) : v.toLowerCase();
  }

  function makeSortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      var sort = function () {
        var numeric = th.getAttribute("data-type") === "num";
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function makeFilterable() {
    var table = document.getElementById("flow-table");
    var text = document.getElementById("flow-filter");
    var cls = document.getElementById("flow-class");
    var shown = document.getElementById("flow-shown");
    if (!table || !text || !cls) { return; }
    var apply = function () {
      var needle = text.value.trim().toLowerCase();
      var wanted = cls.value;
      var n = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        var ok = (wanted === "" || r.getAttribute("data-class") === wanted) &&
                 (needle === "" || r.textContent.toLowerCase().indexOf(needle) >= 0);
        r.hidden = !ok;
        if (ok) { n++; }
      });
      if (shown) { shown.textContent = String(n); }
    };
    text.addEventListener("input", apply);
    cls.addEventListener("change", apply);
    apply();
  }

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });

  function init() {
    try {
      Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
      makeFilterable();
    } catch (e) {
      record("init: " + e);
    }
    document.body.setAttribute("data-ready", "1");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
