// A visible sign of work for anything that takes more than half a second: half a second after
// a form is sent, its button says "Bezig…" ("Working…"), is marked aria-busy and cannot be
// pressed twice, while the page stays readable. Long work (imports, reports, PDFs) runs as a
// background job with a progress page of its own (docs/jobs.md); this covers the wait before.
(() => {
  const english = (document.documentElement.lang || "nl").startsWith("en");
  const busyLabel = english ? "Working…" : "Bezig…";
  const DELAY_MS = 500;
  const GIVE_UP_MS = 30000; // a download or a refused request leaves the page: undo then

  const restore = (button) => {
    if (button.dataset.idleLabel === undefined) return;
    button.textContent = button.dataset.idleLabel;
    delete button.dataset.idleLabel;
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.form?.removeAttribute("aria-busy");
  };

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const button = event.submitter || form.querySelector("button[type=submit], button:not([type])");
    if (!button || button.dataset.idleLabel !== undefined) return;
    window.setTimeout(() => {
      if (!button.isConnected) return;
      button.dataset.idleLabel = button.textContent;
      button.textContent = busyLabel;
      // disabled only now: a submitter disabled before sending would drop its name and value
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      form.setAttribute("aria-busy", "true");
      window.setTimeout(() => restore(button), GIVE_UP_MS);
    }, DELAY_MS);
  });
  // the back button may show this page again from the browser's cache, busy state and all
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("button[data-idle-label]").forEach(restore);
  });
})();
