// The mention picker: typing "@" and two letters in a comment box lists the people one may
// mention; a click, or Enter on the highlighted one, writes @[Name](number). The box works
// without it (the mention is then plain text).
(function () {
  "use strict";
  if (window.alliageMentions) return;
  window.alliageMentions = true;
  var list = null, box = null, start = -1, timer = null, counter = 0;

  function close() {
    if (list) list.remove();
    if (box) { box.removeAttribute("aria-activedescendant"); box.setAttribute("aria-expanded", "false"); }
    list = null; start = -1;
  }
  function options() { return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option]")) : []; }
  function select(index) {
    var all = options();
    if (!all.length) return;
    index = (index + all.length) % all.length;
    all.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    box.setAttribute("aria-activedescendant", all[index].id);
  }
  function current() {
    var all = options();
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute("aria-selected") === "true") return i;
    return 0;
  }
  function choose(option) {
    if (!option || start < 0) return;
    var before = box.value.slice(0, start), after = box.value.slice(box.selectionStart);
    var text = "@[" + option.dataset.name + "](" + option.dataset.pk + ") ";
    box.value = before + text + after;
    var caret = before.length + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
    close();
  }
  function show(html) {
    if (!list) {
      list = document.createElement("ul");
      list.className = "mention-list";
      list.setAttribute("role", "listbox");
      list.id = "mention-list-" + (++counter);
      list.addEventListener("mousedown", function (e) {
        var option = e.target.closest("[role=option]");
        if (option) { e.preventDefault(); choose(option); }
      });
      box.insertAdjacentElement("afterend", list);
      box.setAttribute("aria-controls", list.id);
      box.setAttribute("aria-expanded", "true");
    }
    list.innerHTML = html;
    if (options().length) select(0);
  }
  function typed() {
    var upto = box.value.slice(0, box.selectionStart);
    var match = /(^|\s)@([^\s@\[\]()]{2,40}(?: [^\s@\[\]()]{1,40})?)$/.exec(upto);
    if (!match) { close(); return; }
    start = upto.length - match[2].length - 1;
    var url = box.dataset.peopleUrl + "?q=" + encodeURIComponent(match[2]);
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { if (start >= 0 && html) show(html); });
    }, 150);
  }
  document.addEventListener("input", function (e) {
    if (!e.target.matches || !e.target.matches("textarea.mention-input")) return;
    if (box !== e.target) { close(); box = e.target; box.setAttribute("role", "combobox"); box.setAttribute("aria-autocomplete", "list"); }
    typed();
  });
  document.addEventListener("keydown", function (e) {
    if (!list || e.target !== box) return;
    if (e.key === "ArrowDown") { e.preventDefault(); select(current() + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(current() - 1); }
    else if (e.key === "Enter" || e.key === "Tab") {
      var all = options();
      if (all.length) { e.preventDefault(); choose(all[current()]); }
    } else if (e.key === "Escape") { close(); }
  });
  document.addEventListener("focusout", function (e) {
    if (e.target === box) setTimeout(close, 150);
  });
})();
