(function () {
  "use strict";
  var form = document.getElementById("questionnaire");
  if (!form) { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  function answers() {
    var a = {};
    inputs.forEach(function (i) {
      if (i.type === "radio" && i.checked && i.value !== "") { a[i.name] = i.value; }
      if (i.type === "number" && i.value !== "" && !isNaN(Number(i.value))) { a[i.name] = Number(i.value); }
    });
    return a;
  }
  // Three-valued: null while a question it needs is unanswered.
  function holds(e, a) {
    var unknown = false, i, v;
    switch (e.op) {
      case "or":
        for (i = 0; i < e.args.length; i++) { v = holds(e.args[i], a); if (v === true) { return true; } if (v === null) { unknown = true; } }
        return unknown ? null : false;
      case "and":
        for (i = 0; i < e.args.length; i++) { v = holds(e.args[i], a); if (v === false) { return false; } if (v === null) { unknown = true; } }
        return unknown ? null : true;
      case "not":
        v = holds(e.arg, a); return v === null ? null : !v;
      case "flag":
        return e.key in a ? a[e.key] === "是" : null;
      case "enum":
        return e.key in a ? (a[e.key] === e.value) === e.equal : null;
      case "number":
        if (!(e.key in a)) { return null; }
        v = a[e.key];
        switch (e.cmp) {
          case "=": return v === e.value;
          case "≠": return v !== e.value;
          case "<": return v < e.value;
          case "≤": return v <= e.value;
          case ">": return v > e.value;
          case "≥": return v >= e.value;
        }
        return null;
    }
    return null;
  }
  function update(writeUrl) {
    var a = answers();
    Array.prototype.forEach.call(document.querySelectorAll("[data-when]"), function (el) {
      var v = holds(JSON.parse(el.getAttribute("data-when")), a);
      el.setAttribute("data-applies", v === null ? "unknown" : String(v));
      el.hidden = v === false;
    });
    var count = Array.prototype.filter.call(document.querySelectorAll("table.materials tbody tr, table.checks tbody tr"),
      function (row) { return !row.closest("[hidden]"); }).length;
    var summary = document.getElementById("summary");
    if (summary) {
      summary.textContent = Object.keys(a).length === 0 ? "" : "按您的回答，需要提交 " + count + " 项材料。";
    }
    if (writeUrl) {
      var query = Object.keys(a).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(a[k]); }).join("&");
      try { history.replaceState(null, "", query ? "?" + query : location.pathname); } catch (err) { /* file: pages may refuse */ }
    }
  }
  var params = new URLSearchParams(location.search);
  params.forEach(function (value, key) {
    inputs.forEach(function (i) {
      if (i.name !== key) { return; }
      if (i.type === "radio") { i.checked = i.value === value; } else { i.value = value; }
    });
  });
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function () { update(true); });
  update(false);
}());
