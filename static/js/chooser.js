// Long lists of checkboxes (parties, contact persons) get a filter box: type part of a name and
// only the matching choices stay in view; Enter ticks the first match, the down arrow moves into
// the list. The checkboxes themselves stay the form's fields, so the form works the same
// without this script. Texts come translated from data attributes (templates/includes/form.html).
(function () {
  var MIN_CHOICES = 8;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function enhance(field) {
    var list = field.querySelector("fieldset > div[id]");
    if (!list || field.dataset.enhanced !== undefined) {
      return;
    }
    var options = Array.prototype.slice.call(list.children);
    if (options.length < MIN_CHOICES && !list.querySelector("input[data-party]")) {
      return;
    }
    field.dataset.enhanced = "";
    var tools = document.createElement("div");
    tools.className = "chooser-tools";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = list.id + "_filter";
    var legend = field.querySelector("legend");
    label.textContent = field.dataset.filter + ": " + (legend ? legend.textContent.replace(/:\s*$/, "") : "");
    var search = document.createElement("input");
    search.type = "search";
    search.id = list.id + "_filter";
    search.placeholder = field.dataset.filter + "…";
    search.autocomplete = "off";
    search.setAttribute("aria-controls", list.id);
    var status = document.createElement("span");
    status.className = "muted";
    status.setAttribute("aria-live", "polite");
    tools.appendChild(label);
    tools.appendChild(search);
    tools.appendChild(status);
    list.parentNode.insertBefore(tools, list);

    var texts = options.map(function (option) {
      return fold(option.textContent);
    });

    function visible() {
      return options.filter(function (option) {
        return !option.hidden;
      });
    }

    // People follow the parties: once parties are chosen, only their people are offered.
    var form = field.closest("form");
    function chosenParties() {
      var boxes = form ? form.querySelectorAll('input[name="parties"]:checked') : [];
      return Array.prototype.map.call(boxes, function (box) {
        return box.value;
      });
    }

    function update() {
      var query = fold(search.value);
      var parties = chosenParties();
      options.forEach(function (option, index) {
        var box = option.querySelector("input");
        var party = box && box.dataset.party;
        var offered = !party || !parties.length || parties.indexOf(party) !== -1;
        var matches = !query || texts[index].indexOf(query) !== -1;
        option.hidden = !(box && box.checked) && !(offered && matches);
      });
      var chosen = options.filter(function (option) {
        var box = option.querySelector("input");
        return box && box.checked;
      }).map(function (option) {
        return option.textContent.trim();
      });
      var shown = query ? visible().length : null;
      status.textContent = (shown === 0 ? field.dataset.noMatch + " " : "") +
        field.dataset.chosen + ": " + (chosen.length ? chosen.join(", ") : field.dataset.none);
    }

    search.addEventListener("input", update);
    if (form) {
      form.addEventListener("change", update);
    } else {
      list.addEventListener("change", update);
    }
    search.addEventListener("keydown", function (event) {
      var first = visible()[0];
      var box = first && first.querySelector("input");
      if (event.key === "Enter") {
        // Enter in the filter ticks the first match instead of sending the form.
        event.preventDefault();
        if (box && search.value) {
          box.click();
          search.select();
        }
      } else if (event.key === "ArrowDown" && box) {
        event.preventDefault();
        box.focus();
      }
    });
    update();
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll(".choices").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceAll(document);
  });
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.detail.elt.parentNode || document);
  });
})();
