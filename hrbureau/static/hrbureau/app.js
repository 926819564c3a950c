// hrbureau page behaviour. No inline scripts anywhere (Content-Security-Policy: script-src 'self'):
// pages configure behaviour with data- attributes that this file reads.
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // Forms marked data-autosubmit submit when a select changes; their button is only for no-JS use.
  function bindAutosubmit(root) {
    root.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.querySelectorAll("[data-autosubmit-button]").forEach(function (b) { b.classList.add("d-none"); });
      form.querySelectorAll("select").forEach(function (select) {
        select.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
      });
    });
  }

  // Confirm before a destructive or consequential submit: <button data-confirm="...">.
  function bindConfirm(root) {
    root.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (event) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  }

  // A list's filter panel, <form data-filters="Filters">: on a phone it folds away behind one button that
  // says how many filters are set; the panel opens when a filter was refused. Desk-width screens always
  // show the panel (app.css), and without JavaScript it is never folded.
  var FILTER_PHONE = "(max-width: 767.98px)";

  function activeFilters(form) {
    var n = 0;
    form.querySelectorAll("input, select").forEach(function (field) {
      if (field.type === "hidden" || field.type === "submit" || field.disabled) { return; }
      if (field.tagName === "SELECT") { if (field.selectedIndex > 0) { n += 1; } return; }
      if (field.type === "checkbox" || field.type === "radio") { if (field.checked) { n += 1; } return; }
      if (field.value.trim()) { n += 1; }
    });
    return n;
  }

  function bindFilterPanels(root) {
    root.querySelectorAll("form[data-filters]").forEach(function (form, index) {
      if (form.hasAttribute("data-filters-bound")) { return; }
      form.setAttribute("data-filters-bound", "");
      if (!form.id) { form.id = "filters-" + index; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn w-100 mb-3 filters-toggle";
      button.setAttribute("aria-controls", form.id);
      button.setAttribute("data-filters-toggle", "");
      var label = form.getAttribute("data-filters");
      function show(open) {
        form.classList.toggle("filters-folded", !open);
        button.setAttribute("aria-expanded", open ? "true" : "false");
        var n = activeFilters(form);
        button.textContent = "";
        var icon = document.createElement("i");
        icon.className = "ti ti-adjustments-horizontal me-1";
        icon.setAttribute("aria-hidden", "true");
        button.appendChild(icon);
        button.appendChild(document.createTextNode(label + (n ? " · " + n : "")));
      }
      button.addEventListener("click", function () { show(form.classList.contains("filters-folded")); });
      form.parentNode.insertBefore(button, form);
      var refused = form.querySelector(".is-invalid") || document.querySelector("[data-testid=filter-errors]");
      show(Boolean(refused) || !window.matchMedia(FILTER_PHONE).matches);
    });
  }

  // The server ends a session after the idle timeout; take the page to the login screen at the same
  // moment so nobody types into a form that can no longer be saved.
  function idleWatch() {
    var minutes = parseInt(document.body.getAttribute("data-idle-minutes") || "0", 10);
    if (!minutes || !document.querySelector("[data-testid=user-menu]")) { return; }
    var timer;
    function arm() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { window.location.reload(); }, (minutes * 60 + 5) * 1000);
    }
    document.body.addEventListener("htmx:afterRequest", arm);
    arm();
  }

  // An action's form opens in the case page's <dialog id="action-dialog"> (core/_actions.html): HTMX loads
  // the form into it; a refused submit comes back into it with its errors; a done one redirects
  // (HX-Redirect). Without JavaScript the action's link opens the same form on a page of its own.
  function bindActionDialog() {
    var dialog = document.getElementById("action-dialog");
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.target.id !== "action-dialog-body") { return; }
      event.target.querySelectorAll("[data-dialog-close]").forEach(function (el) {
        el.classList.remove("d-none");
        el.addEventListener("click", function (e) { e.preventDefault(); dialog.close(); });
      });
      if (!dialog.open) { dialog.showModal(); }
      var first = event.target.querySelector(".is-invalid, .modal-body input:not([type=hidden]), .modal-body select, .modal-body textarea");
      if (first) { first.focus(); }
    });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
  }

  // A choice of several (the arbitrators of a tribunal) is a list of checkboxes, ticked by touch; a box
  // above it narrows the list as a name is typed (inputs marked data-choice-filter="placeholder").
  function bindChoiceFilters(root) {
    var seen = {};
    root.querySelectorAll("input[type=checkbox][data-choice-filter]").forEach(function (input) {
      if (seen[input.name]) { return; }
      seen[input.name] = true;
      var group = input.closest("div[id]");
      if (!group || group.getAttribute("data-choice-bound")) { return; }
      group.setAttribute("data-choice-bound", "1");
      group.classList.add("choice-list");
      var box = document.createElement("input");
      box.type = "search";
      box.className = "form-control mb-2";
      box.placeholder = input.getAttribute("data-choice-filter");
      box.setAttribute("aria-label", input.getAttribute("data-choice-filter"));
      group.parentNode.insertBefore(box, group);
      box.addEventListener("input", function () {
        var typed = box.value.trim().toLowerCase();
        group.querySelectorAll("input[type=checkbox]").forEach(function (checkbox) {
          var label = checkbox.closest("label") || checkbox.parentNode;
          var item = label.parentNode === group ? label : label.parentNode;
          item.hidden = typed !== "" && !checkbox.checked && label.textContent.toLowerCase().indexOf(typed) === -1;
        });
      });
    });
  }

  onReady(function () {
    bindActionDialog();
    bindChoiceFilters(document);
    bindAutosubmit(document);
    bindConfirm(document);
    bindFilterPanels(document);
    idleWatch();
    document.body.addEventListener("htmx:afterSwap", function (event) {
      bindChoiceFilters(event.target);
      bindAutosubmit(event.target);
      bindConfirm(event.target);
    });
    window.dispatchEvent(new CustomEvent("hrbureau:ready"));
  });
})();
