// The top bar's menu on small screens: a disclosure button that shows and hides the links.
// Without JavaScript the button stays hidden and the links simply show (CSS keys on .has-menu).
(() => {
  const button = document.querySelector(".menu-toggle");
  if (!button) return;
  const setOpen = (open) => button.setAttribute("aria-expanded", String(open));
  button.hidden = false;
  document.documentElement.classList.add("has-menu");
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
