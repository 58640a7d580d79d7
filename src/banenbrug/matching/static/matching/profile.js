// Work experience: choosing a suggested occupation fills the field (the years stay) instead of
// submitting at once; typing again drops the choice. Without JavaScript the button submits.
document.querySelectorAll("#werkervaring").forEach((form) => {
  const field = form.querySelector("#beroep");
  const choice = form.querySelector("[data-choice]");
  form.querySelectorAll("[data-fill]").forEach((button) => {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      field.value = button.dataset.fill;
      choice.value = button.value;
      form.querySelectorAll("[data-fill]").forEach((b) => b.setAttribute("aria-pressed", b === button));
      form.querySelector("#jaren").focus();
    });
  });
  field.addEventListener("input", () => { choice.value = ""; });
});
