// The eligibility row editor of a policy item's draft: each row a condition (field, operator, value);
// all rows must hold. It writes the rules language's JSON into the eligibility textarea, which stays
// the form's field (typed JSON is read back into rows when it is a plain list of conditions).
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var editor = document.querySelector("[data-eligibility-editor]");
    var area = document.querySelector("[data-eligibility-json]");
    var beneficiary = document.querySelector("select[name=beneficiary]");
    if (!editor || !area) { return; }
    var fields = JSON.parse(document.getElementById("eligibility-fields").textContent);
    var operators = JSON.parse(document.getElementById("eligibility-operators").textContent);
    var byKind = {
      number: ["eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "isnull"],
      date: ["eq", "ne", "lt", "lte", "gt", "gte", "isnull"],
      text: ["eq", "ne", "in", "not_in", "isnull"],
      bool: ["eq", "isnull"]
    };
    var rows = editor.querySelector("[data-eligibility-rows]");
    var note = editor.querySelector("[data-eligibility-note]");
    function subjectFields() { return fields[(beneficiary && beneficiary.value) || "enterprise"] || []; }
    function kindOf(name) { var f = subjectFields().find(function (x) { return x[0] === name; }); return f ? f[2] : "text"; }
    function option(value, label, selected) { var o = document.createElement("option"); o.value = value; o.textContent = label; o.selected = selected; return o; }
    function valueText(leaf) {
      if (leaf.value === undefined || leaf.value === null) { return ""; }
      if (Array.isArray(leaf.value)) { return leaf.value.join(", "); }
      return String(leaf.value);
    }
    function addRow(leaf) {
      leaf = leaf || { field: (subjectFields()[0] || [""])[0], op: "eq", value: "" };
      var row = document.createElement("div");
      row.className = "row g-2 mb-2 align-items-center";
      row.setAttribute("data-eligibility-row", "");
      var fieldSel = document.createElement("select"); fieldSel.className = "form-select";
      subjectFields().forEach(function (f) { fieldSel.appendChild(option(f[0], f[1], f[0] === leaf.field)); });
      var opSel = document.createElement("select"); opSel.className = "form-select";
      var value = document.createElement("input"); value.className = "form-control"; value.value = valueText(leaf);
      function fillOps() {
        var current = opSel.value || leaf.op; opSel.innerHTML = "";
        byKind[kindOf(fieldSel.value)].forEach(function (op) { opSel.appendChild(option(op, operators[op], op === current)); });
        var kind = kindOf(fieldSel.value);
        value.placeholder = opSel.value === "isnull" || kind === "bool" ? "true / false" : (kind === "date" ? "2026-03-01" : "");
      }
      fillOps();
      var remove = document.createElement("button"); remove.type = "button"; remove.className = "btn btn-outline-danger w-100"; remove.textContent = "×";
      remove.setAttribute("aria-label", editor.getAttribute("data-remove-label"));
      [[fieldSel, "col-12 col-md-4"], [opSel, "col-6 col-md-3"], [value, "col-6 col-md-4"], [remove, "col-12 col-md-1"]].forEach(function (pair) {
        var col = document.createElement("div"); col.className = pair[1]; col.appendChild(pair[0]); row.appendChild(col);
      });
      fieldSel.addEventListener("change", function () { fillOps(); write(); });
      opSel.addEventListener("change", function () { fillOps(); write(); });
      value.addEventListener("input", write);
      remove.addEventListener("click", function () { row.remove(); write(); });
      rows.appendChild(row);
    }
    function parsed(kind, op, text) {
      text = text.trim();
      if (op === "isnull" || kind === "bool") { return text === "true" || text === "是" || text === "yes"; }
      if (op === "in" || op === "not_in") { return text.split(/[,，、]/).map(function (s) { return s.trim(); }).filter(Boolean); }
      return text;
    }
    function write() {
      var leaves = [];
      rows.querySelectorAll("[data-eligibility-row]").forEach(function (row) {
        var controls = row.querySelectorAll("select, input");
        var kind = kindOf(controls[0].value);
        leaves.push({ field: controls[0].value, op: controls[1].value, value: parsed(kind, controls[1].value, controls[2].value) });
      });
      area.value = leaves.length ? JSON.stringify({ all: leaves }, null, 1) : "";
    }
    function read() {
      rows.innerHTML = "";
      var text = area.value.trim();
      if (!text) { note.hidden = true; return true; }
      var condition;
      try { condition = JSON.parse(text); } catch (e) { note.hidden = false; return false; }
      var leaves = condition.all ? condition.all : [condition];
      if (!leaves.every(function (leaf) { return leaf && leaf.field; })) { note.hidden = false; return false; }
      note.hidden = true;
      leaves.forEach(addRow);
      return true;
    }
    read();
    editor.querySelector("[data-eligibility-add]").addEventListener("click", function () { if (read()) { addRow(); write(); } });
    area.addEventListener("change", read);
    if (beneficiary) { beneficiary.addEventListener("change", function () { rows.innerHTML = ""; write(); }); }
  });
})();
