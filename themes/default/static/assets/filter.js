// In-page filters of the pain-points list. Without this script the form stays hidden and the
// whole list shows; with it, rows whose data attributes do not match every chosen value hide.
(function () {
  "use strict";
  var form = document.getElementById("pain-filters");
  if (!form) return;
  form.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-journey]"));
  var count = form.querySelector(".filter-count");
  function apply() {
    var chosen = {
      journey: form.elements.journey.value,
      severity: form.elements.severity.value,
      status: form.elements.status.value
    };
    var shown = 0;
    rows.forEach(function (row) {
      var match = Object.keys(chosen).every(function (key) {
        return !chosen[key] || row.dataset[key] === chosen[key];
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    document.querySelectorAll(".filter-group").forEach(function (group) {
      var visible = group.querySelectorAll("tr[data-journey]:not([hidden])").length;
      var total = group.querySelectorAll("tr[data-journey]").length;
      group.hidden = total > 0 && visible === 0;
    });
    count.textContent = (count.getAttribute("data-shown") || "{shown} of {total} shown")
      .replace("{shown}", shown).replace("{total}", rows.length);
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
