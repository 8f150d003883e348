// The API documentation: Swagger UI (served from static/vendor/) turns the container into a
// folded reference of the OpenAPI document. Without the viewer the server-rendered list under it
// stays; with it, that list is hidden so the page shows the operations once.
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  if (!container || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var language = container.dataset.language || document.documentElement.lang || "nl";
  var plain = document.getElementById("api-docs-plain");

  window.SwaggerUIBundle({
    domNode: container,
    url: container.dataset.openapiUrl,
    // Folded: one line per operation, one group per tag; the models list is left out.
    docExpansion: "none",
    defaultModelsExpandDepth: -1,
    deepLinking: true,
    // Highlighting sets inline styles from a theme; plain code blocks need none.
    syntaxHighlight: false,
    // The default validator badge loads an image from swagger.io; the CSP refuses other hosts.
    validatorUrl: null,
    // The document and every "Try it out" answer in the language of the page.
    requestInterceptor: function (request) {
      request.headers["Accept-Language"] = language;
      return request;
    },
  });
  if (plain) {
    plain.hidden = true;
  }
})();
