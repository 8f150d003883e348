/* Zoom and pan for the network picture, on top of the server's SVG (which works without it).
   Drag to pan, Ctrl + wheel or pinch to zoom, or the buttons the template keeps hidden until
   this script runs. Panzoom comes from npm (static/vendor/, see scripts/install-assets). */
(function () {
  "use strict";

  function enhance(figure) {
    var svg = figure.querySelector("svg.network-chart");
    var controls = figure.parentElement.querySelector(".zoom-controls");
    if (!svg || !controls || typeof Panzoom === "undefined" || figure.dataset.zoom) return;
    figure.dataset.zoom = "on";
    var panzoom = Panzoom(svg, { minScale: 1, maxScale: 8, step: 0.4, contain: "outside" });
    figure.classList.add("zoomable");
    figure.addEventListener("wheel", function (event) {
      if (event.ctrlKey) panzoom.zoomWithWheel(event);
    });
    controls.hidden = false;
    controls.querySelector("[data-zoom=in]").addEventListener("click", function () { panzoom.zoomIn(); });
    controls.querySelector("[data-zoom=out]").addEventListener("click", function () { panzoom.zoomOut(); });
    controls.querySelector("[data-zoom=reset]").addEventListener("click", function () { panzoom.reset(); });
  }

  function enhanceAll() {
    document.querySelectorAll("figure.network-figure").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", enhanceAll);
  // The filters swap the results (and the picture) in with htmx.
  document.addEventListener("htmx:afterSettle", enhanceAll);
})();
