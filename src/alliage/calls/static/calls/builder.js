// The call builder's drag and drop: a progressive enhancement of the up and down buttons.
// Dragging an item of a .builder-list[data-reorder] posts the new order, then reloads.
(function () {
  "use strict";
  document.querySelectorAll(".builder-list[data-reorder]").forEach(function (list) {
    var form = document.getElementById(list.dataset.reorder);
    if (!form) return;
    var dragged = null;
    var help = document.getElementById(list.getAttribute("aria-describedby"));
    if (help) help.hidden = false;
    list.querySelectorAll(".builder-item").forEach(function (item) {
      // The item's head is the handle: its fields stay selectable and editable.
      var handle = item.querySelector(".builder-row");
      handle.draggable = true;
      handle.classList.add("draggable");
      handle.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.dataset.pk);
      });
      handle.addEventListener("dragend", function () {
        item.classList.remove("dragging");
        dragged = null;
      });
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged === item) return;
        event.preventDefault();
        var box = item.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      });
      item.addEventListener("drop", function (event) {
        event.preventDefault();
      });
    });
    list.addEventListener("drop", function () {
      var order = Array.prototype.map.call(list.querySelectorAll(".builder-item"), function (li) {
        return li.dataset.pk;
      });
      form.querySelector("input[name=order]").value = order.join(",");
      form.submit();
    });
  });
})();
