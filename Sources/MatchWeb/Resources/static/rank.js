// Progressive enhancement for "My ranking": drag a post to reorder. Without this script the
// up/down buttons do the same; with it, a drop submits the new order through the same form
// endpoint (POST /ranking/order, CSRF token included).
(function () {
  "use strict";
  var list = document.getElementById("ranking");
  var form = document.getElementById("order-form");
  var field = document.getElementById("order");
  if (!list || !form || !field) { return; }
  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li");
    if (dragged) { dragged.classList.add("dragging"); event.dataTransfer.effectAllowed = "move"; }
  });
  list.addEventListener("dragover", function (event) {
    var over = event.target.closest("li");
    if (!dragged || !over || over === dragged) { return; }
    event.preventDefault();
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  list.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    dragged = null;
    var ids = Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (item) { return item.getAttribute("data-id"); });
    var order = ids.join(",");
    if (order !== list.getAttribute("data-order")) { field.value = order; form.submit(); }
  });
})();
