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

  onReady(function () {
    bindAutosubmit(document);
    bindConfirm(document);
    idleWatch();
    document.body.addEventListener("htmx:afterSwap", function (event) {
      bindAutosubmit(event.target);
      bindConfirm(event.target);
    });
    window.dispatchEvent(new CustomEvent("hrbureau:ready"));
  });
})();
