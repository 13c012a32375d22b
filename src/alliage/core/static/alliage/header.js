// The header's menu on small screens, and the account menu closed by Escape or a click
// elsewhere. Without this script the whole navigation simply shows.
(function () {
  var header = document.getElementById("site-header");
  if (!header) return;
  var toggle = header.querySelector(".menu-toggle");
  header.classList.add("menu-js");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    header.querySelectorAll("details[open]").forEach(function (d) {
      d.open = false;
      d.querySelector("summary").focus();
    });
    if (toggle && header.classList.contains("open")) {
      header.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    header.querySelectorAll("details.account-menu[open]").forEach(function (d) {
      if (!d.contains(event.target)) d.open = false;
    });
  });
})();

// A "print" button ([data-print], hidden without this script): the browser's print dialog,
// which also saves the page as PDF.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
