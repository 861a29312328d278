/* Small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  function onCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      var done = button.getAttribute("data-copied");
      if (done) { button.textContent = done; }
    });
  }

  /* Elements with data-show-when="<input name>=<value>" are shown only while that radio is chosen. */
  function syncConditional(root) {
    root.querySelectorAll("[data-show-when]").forEach(function (el) {
      var rule = el.getAttribute("data-show-when").split("=");
      var checked = document.querySelector('input[name="' + rule[0] + '"]:checked');
      el.hidden = !checked || checked.value !== rule[1];
    });
  }

  /* Search-as-you-type forms (data-no-submit): Enter must not reload the page; htmx does the search. */
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("form[data-no-submit]")) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) { onCopy(copy); return; }
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  /* Capture phase: runs before htmx reads the form for the live check (file inputs are not sent). */
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('input[type="file"]')) {
      var counter = document.getElementById("evidence-count");
      if (counter) { counter.value = String(event.target.files ? event.target.files.length : 0); }
    }
    syncConditional(document);
  }, true);
  /* A live region must stay the same element for screen readers to announce its changes (WCAG
     4.1.3): when a fragment re-renders a whole aria-live region, only its content is swapped in. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.id || !target.hasAttribute("aria-live")) { return; }
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var owner = source && source.closest("[hx-swap]");
    var swap = event.detail.swapOverride || (owner ? owner.getAttribute("hx-swap") : "") || "";
    if (swap.split(" ")[0] !== "outerHTML") { return; }
    event.detail.swapOverride = "innerHTML";
    event.detail.selectOverride = "#" + target.id + " > *";
  });

  /* After a failed submit the error summary takes focus, so keyboard and screen-reader users start
     from the list of problems (its links lead to the controls). */
  function focusErrorSummary() {
    var summary = document.getElementById("form-errors");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    syncConditional(document);
    document.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
    focusErrorSummary();
  });
})();
