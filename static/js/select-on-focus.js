// Fields marked data-select-on-focus select their whole text when focused or clicked (a token to copy).
document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
  var selectAll = function () { field.select(); };
  field.addEventListener("focus", selectAll);
  field.addEventListener("click", selectAll);
});
