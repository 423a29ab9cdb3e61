// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong first.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
