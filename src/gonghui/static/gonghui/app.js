// Small behaviours the pages share; no inline scripts (CSP: script-src 'self').
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("[data-autosubmit]")) { el.form.submit(); }
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
}, true);
document.addEventListener("click", function (event) {
  var el = event.target.closest && event.target.closest("[data-confirm-link]");
  if (el && !window.confirm(el.getAttribute("data-confirm-link"))) { event.preventDefault(); }
});
