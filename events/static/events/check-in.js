// The print button of the check-in sheet; without JavaScript, the browser's own Print command does the same.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-print]");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
