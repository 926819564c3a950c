// The portal's page behaviour (CSP: no inline scripts). The respondent lookup of the online arbitration
// application: while an enterprise's name is typed, the registered enterprises of that name are offered
// (name, masked code, street); choosing one fills in the name.
(function () {
  "use strict";

  function bindLookup(input) {
    var url = input.getAttribute("data-lookup");
    var min = parseInt(input.getAttribute("data-lookup-min") || "4", 10);
    var box = input.form.querySelector("[data-lookup-results]");
    var kind = input.form.querySelector("[name=respondent_kind]");
    var timer = null;
    var asked = "";
    if (!url || !box) { return; }

    function clear() {
      box.replaceChildren();
      box.classList.add("d-none");
    }

    function note(text) {
      var line = document.createElement("div");
      line.className = "list-group-item small text-secondary";
      line.textContent = text;
      box.appendChild(line);
    }

    function show(data) {
      clear();
      (data.results || []).forEach(function (row) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "list-group-item list-group-item-action";
        var name = document.createElement("div");
        name.textContent = row.name;
        var detail = document.createElement("div");
        detail.className = "small text-secondary";
        detail.textContent = [row.uscc, row.street].filter(Boolean).join(" · ");
        button.append(name, detail);
        button.addEventListener("click", function () {
          input.value = row.name;
          asked = row.name;
          clear();
          input.focus();
        });
        box.appendChild(button);
      });
      if (data.detail) { note(data.detail); } else if (data.more) { note(box.getAttribute("data-more")); }
      if (box.children.length) { box.classList.remove("d-none"); }
    }

    function search() {
      var query = input.value.trim();
      if (query === asked) { return; }
      asked = query;
      if ((kind && kind.value !== "enterprise") || query.length < min) { clear(); return; }
      fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (input.value.trim() === query) { show(data); } })
        .catch(clear);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 300);
    });
    if (kind) { kind.addEventListener("change", function () { asked = ""; search(); }); }
  }

  function onReady(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  onReady(function () {
    document.querySelectorAll("input[data-lookup]").forEach(bindLookup);
  });
})();
