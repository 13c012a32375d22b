// The checkbox lists of core.widgets.CheckboxList: a filter box above each list (case and
// accents do not count, ticked choices always stay in view) and the count of ticked choices.
// Without this script the whole list shows and works.
(function () {
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUp(list) {
    var tools = list.querySelector(".checklist-tools");
    var filter = list.querySelector(".checklist-filter");
    var count = list.querySelector(".checklist-count");
    var empty = list.querySelector(".checklist-empty");
    var options = Array.prototype.map.call(
      list.querySelectorAll(".checklist-option"),
      function (option) {
        return { row: option, box: option.querySelector("input"), text: fold(option.textContent) };
      }
    );

    function showCount() {
      var n = options.filter(function (o) { return o.box.checked; }).length;
      var key = n === 0 ? "countNone" : n === 1 ? "countOne" : "countMany";
      count.textContent = list.dataset[key].replace("%(count)s", String(n));
    }

    function applyFilter() {
      var wanted = fold(filter.value);
      var matches = 0;
      options.forEach(function (o) {
        var match = wanted === "" || o.text.indexOf(wanted) !== -1;
        o.row.hidden = !(match || o.box.checked);
        if (match) matches += 1;
      });
      empty.hidden = matches > 0;
    }

    tools.hidden = false;
    filter.addEventListener("input", applyFilter);
    // Enter in the filter box would send the form: the list is filtered as one types anyway.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    list.addEventListener("change", function (event) {
      if (event.target !== filter) showCount();
    });
    showCount();
    applyFilter();
  }

  document.querySelectorAll("[data-checklist]").forEach(setUp);
})();
