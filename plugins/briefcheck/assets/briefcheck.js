// briefcheck: filter the fact-check report by severity and rule. Without JavaScript every
// finding stays visible.
(function () {
  function apply(form) {
    var shown = {};
    form.querySelectorAll("input[data-severity]").forEach(function (box) {
      shown[box.getAttribute("data-severity")] = box.checked;
    });
    var rule = form.querySelector("select[name=rule]").value;
    var visible = 0;
    document.querySelectorAll("tr[data-severity]").forEach(function (row) {
      var severity = row.getAttribute("data-suppressed") === "true" ? "silenced" : row.getAttribute("data-severity");
      var on = shown[severity] !== false && (rule === "" || row.getAttribute("data-rule") === rule);
      row.classList.toggle("briefcheck-hidden", !on);
      if (on) visible += 1;
    });
    var count = form.querySelector(".briefcheck-shown");
    if (count) count.textContent = visible + (visible === 1 ? " finding shown" : " findings shown");
  }
  function init() {
    document.querySelectorAll("form.briefcheck-filters").forEach(function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      apply(form);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
