// Fields marked data-select-on-focus select their whole text when focused (a token to copy).
document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
  field.addEventListener("focus", function () { field.select(); });
});
