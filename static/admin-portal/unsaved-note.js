// A note typed on a registration's page is not lost by leaving the page: the browser asks first.
(function () {
  "use strict";
  var note = document.getElementById("id_note-text");
  if (!note || !note.form) {
    return;
  }
  var submitting = false;
  note.form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && note.value.trim() !== "") {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
