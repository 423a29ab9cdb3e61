// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong first.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // Deadlines are given in Vilnius time; a visitor elsewhere also gets them in their own time zone.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll(".local-deadline[data-deadline]").forEach((element) => {
    if (!zone || zone === element.dataset.homeZone) {
      return;
    }
    const when = new Intl.DateTimeFormat(document.documentElement.lang, {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: zone,
    }).format(new Date(element.dataset.deadline));
    element.textContent = element.dataset.text.replace("{zone}", zone).replace("{when}", when);
    element.hidden = false;
  });
});
