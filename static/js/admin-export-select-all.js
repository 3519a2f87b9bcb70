// The admin's export page (django-import-export): its "Select all" box called onSelectToggleChange
// from an inline onchange attribute, which the Content-Security-Policy refuses. The server takes the
// attribute out (children/admin.py); the same handler is attached here.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll('input.select-toggle[name="select-all-toggle"]').forEach((box) => {
    if (typeof onSelectToggleChange === "function") {
      box.addEventListener("change", onSelectToggleChange);
    }
  });
});
