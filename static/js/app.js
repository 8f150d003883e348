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

// The project menu folds into one button on a small screen; on a wide one it stays open (CSS
// shows it even closed where browsers support ::details-content; this covers the others).
(function () {
  var wide = window.matchMedia("(min-width: 48em)");
  function follow() {
    document.querySelectorAll("details.project-menu").forEach(function (menu) {
      menu.open = wide.matches;
    });
  }
  document.addEventListener("DOMContentLoaded", follow);
  wide.addEventListener("change", follow);
})();

// A table box that scrolls sideways becomes a named region in the tab order, so keyboard users
// can scroll it too; a box that fits stays out of the tab order.
(function () {
  // Named after the table's caption, or its section's heading with the word "table" added, so
  // the region never takes the very name of the section around it.
  function nameOf(box) {
    var caption = box.querySelector("caption");
    var word = document.body.dataset.tableLabel || "table";
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim() + " (" + word + ")";
    }
    var section = box.closest("section, article, main");
    var heading = section && section.querySelector("h1, h2, h3");
    return (heading ? heading.textContent.trim() : document.title) + " (" + word + ")";
  }
  function mark() {
    var used = {};
    document.querySelectorAll(".table-wrap[aria-label]").forEach(function (box) {
      used[box.getAttribute("aria-label")] = true;
    });
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        // Two tables under one heading are told apart by their number.
        var name = nameOf(box);
        for (var n = 2; used[name]; n++) {
          name = nameOf(box) + " " + n;
        }
        used[name] = true;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
        box.dataset.scrollRegion = "";
      } else if (!scrolls && "scrollRegion" in box.dataset) {
        ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }
  var pending = null;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(mark, 150);
  }
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", mark);
  window.addEventListener("resize", later);
})();
