// Progressive enhancement for "My ranking": drag a post to reorder it with a mouse or a finger.
// Without this script the up/down buttons do the same, and they stay the way to reorder with
// the keyboard (the cards themselves are not focusable). A drop submits the new order through
// the same kind of form endpoint (POST /ranking/order, CSRF token included); a cancelled drag
// (Escape, or let go outside the list) puts the cards back and saves nothing.
(function () {
  "use strict";
  var list = document.getElementById("ranking");
  var form = document.getElementById("order-form");
  var field = document.getElementById("order");
  var hint = document.getElementById("drag-hint");
  if (!list || !form || !field) { return; }
  var cards = function () { return Array.prototype.slice.call(list.querySelectorAll("li[data-id]")); };
  var original = cards();
  // The hint speaks of dragging, so it shows only where dragging works: with this script, and
  // with at least two posts to reorder.
  if (hint && original.length > 1) { hint.hidden = false; }
  var dragged = null;
  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li");
    if (!dragged) { return; }
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    // Firefox starts no drag without data.
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-id"));
  });
  // A card is a drop target only if dragenter is cancelled too (HTML spec): Chromium refused
  // a drop let go just after the pointer crossed onto a new element, before its dragover.
  list.addEventListener("dragenter", function (event) {
    if (dragged && event.target.closest("li")) { event.preventDefault(); }
  });
  list.addEventListener("dragover", function (event) {
    var over = event.target.closest("li");
    if (!dragged || !over) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (over === dragged) { return; }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  // Without this the browser's default for a dropped link (it carries the post's URL) could
  // open it, and the drag would count as not dropped.
  list.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });
  list.addEventListener("dragend", function (event) {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    dragged = null;
    if (event.dataTransfer.dropEffect === "none") {
      original.forEach(function (item) { list.appendChild(item); });
      return;
    }
    var order = cards().map(function (item) { return item.getAttribute("data-id"); }).join(",");
    if (order !== list.getAttribute("data-order")) { field.value = order; form.submit(); }
  });
})();
