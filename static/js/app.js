// Keep keyboard users in place when htmx swaps a table row: into the form, then back to its link.
document.addEventListener("htmx:afterSwap", function (event) {
  var swapped = event.detail.target;
  // An outerHTML swap replaces the row; find its successor by id.
  var row = swapped && swapped.id ? document.getElementById(swapped.id) : null;
  if (!row || row.tagName !== "TR") {
    return;
  }
  var next = row.querySelector("select, input:not([type=hidden]), a[hx-get]");
  if (next) {
    next.focus();
  }
});
// Escape closes a row that is open for editing.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") {
    return;
  }
  var row = event.target.closest && event.target.closest("tr.editing");
  var cancel = row && row.querySelector("a[hx-get]");
  if (cancel) {
    cancel.click();
  }
});
