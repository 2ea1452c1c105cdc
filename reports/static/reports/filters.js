// The list filters fold away on a small screen, so that the results come first; the page
// opens them without JavaScript, and the reader can open them with their summary.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 40rem)").matches) {
    return;
  }
  document.querySelectorAll("details.filter-panel").forEach(function (panel) {
    panel.open = false;
  });
})();
