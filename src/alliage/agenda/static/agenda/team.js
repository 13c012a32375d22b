// The time zone picker's search: typing narrows the list of zones (the select works alone).
(function () {
  "use strict";
  function setUp(box) {
    var search = box.querySelector(".tz-search");
    var select = box.querySelector("select");
    if (!search || !select) return;
    var all = Array.prototype.map.call(select.options, function (o) {
      return { value: o.value, text: o.text };
    });
    search.hidden = false;
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var current = select.value;
      select.innerHTML = "";
      all.forEach(function (o) {
        var hay = (o.value + " " + o.text).toLowerCase();
        var keep = o.value === current || words.every(function (w) { return hay.indexOf(w) !== -1; });
        if (keep) select.add(new Option(o.text, o.value, false, o.value === current));
      });
      if (words.length && select.options.length > 1) {
        for (var i = 0; i < select.options.length; i++) {
          if (select.options[i].value !== current) { select.selectedIndex = i; break; }
        }
      }
    });
  }
  document.querySelectorAll(".tz-picker").forEach(setUp);
})();
