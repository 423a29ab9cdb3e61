// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong first.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  } else if (window.location.hash) {
    // "Change" on "check your answers" links to a question: the cursor goes into it.
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.matches("input, select, textarea")) {
      target.focus();
    }
  }

  // Long answers: a counter under the field says how many characters are left (the limit is checked on sending;
  // nothing is cut). Screen readers hear the count once typing pauses, not at every keystroke.
  const number = new Intl.NumberFormat(document.documentElement.lang);
  document.querySelectorAll("textarea[data-maxlength]").forEach((field) => {
    const limit = Number(field.dataset.maxlength);
    const visible = document.createElement("p");
    visible.className = "form-text char-count";
    visible.id = `${field.id}-count`;
    const spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.after(visible, spoken);
    field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") || ""} ${visible.id}`.trim());
    let pause;
    const text = () => {
      const left = limit - field.value.length;
      const template = left >= 0 ? field.dataset.countLeft : field.dataset.countOver;
      return template.replace("{count}", number.format(Math.abs(left))).replace("{limit}", number.format(limit));
    };
    const update = () => {
      visible.textContent = text();
      visible.classList.toggle("char-count--over", field.value.length > limit);
      clearTimeout(pause);
      pause = setTimeout(() => {
        spoken.textContent = text();
      }, 1000);
    };
    visible.textContent = text();
    field.addEventListener("input", update);
  });

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
