// The convergences' slider: shown only with this script; moving it writes the value in the
// text field (with the page's decimal separator) and letting it go groups again.
(function () {
  var slider = document.getElementById("threshold-slider");
  var field = document.getElementById("threshold");
  if (!slider || !field) return;
  var comma = field.value.indexOf(",") !== -1 || document.documentElement.lang === "fr";
  slider.hidden = false;
  slider.addEventListener("input", function () {
    var value = Number(slider.value).toFixed(2);
    field.value = comma ? value.replace(".", ",") : value;
  });
  slider.addEventListener("change", function () {
    if (slider.form) slider.form.requestSubmit();
  });
})();
