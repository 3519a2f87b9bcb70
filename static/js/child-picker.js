// The child picker: a search box that asks the server for at most 20 matching children (in the
// user's own scope) and keeps the chosen ones as hidden inputs. No list of children is ever sent.
(function () {
  "use strict";
  function chip(picker, id, label) {
    var name = picker.dataset.name;
    var span = document.createElement("span");
    span.className = "badge text-bg-secondary child-picker-chip";
    span.textContent = label + " ";
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn-close btn-close-white ms-1 child-picker-remove";
    remove.setAttribute("aria-label", picker.dataset.removeLabel || "×");
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = id;
    span.appendChild(remove);
    span.appendChild(input);
    return span;
  }
  function setup(picker) {
    var input = picker.querySelector(".child-picker-input");
    var results = picker.querySelector(".child-picker-results");
    var chosen = picker.querySelector(".child-picker-chosen");
    var multiple = picker.dataset.multiple === "1";
    var timer = null;
    var last = "";
    chosen.addEventListener("click", function (event) {
      if (event.target.classList.contains("child-picker-remove")) {
        event.target.closest(".child-picker-chip").remove();
      }
    });
    function show(items) {
      results.replaceChildren();
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.className = "list-group-item list-group-item-action";
        li.setAttribute("role", "option");
        li.tabIndex = 0;
        li.textContent = item.label;
        function pick() {
          if (!multiple) { chosen.replaceChildren(); }
          if (!chosen.querySelector('input[value="' + item.id + '"]')) {
            chosen.appendChild(chip(picker, item.id, item.label));
          }
          results.replaceChildren();
          input.value = "";
        }
        li.addEventListener("click", pick);
        li.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); pick(); } });
        results.appendChild(li);
      });
    }
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var term = input.value.trim();
      if (term.length < 2) { results.replaceChildren(); return; }
      timer = setTimeout(function () {
        last = term;
        fetch(picker.dataset.url + "&q=" + encodeURIComponent(term), {credentials: "same-origin", headers: {"Accept": "application/json"}})
          .then(function (r) { return r.ok ? r.json() : {results: []}; })
          .then(function (data) { if (last === term) { show(data.results || []); } })
          .catch(function () { results.replaceChildren(); });
      }, 250);
    });
  }
  document.querySelectorAll(".child-picker").forEach(setup);
})();
