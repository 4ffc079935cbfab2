/* Quick exit: replace this page (and its history entry) with a neutral one at once.
   location.replace keeps the back button from returning here. */
(function () {
  function leave(url) {
    document.title = "新标签页";
    document.body.innerHTML = "";
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.getAttribute("href"));
  });
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    var now = Date.now();
    if (now - last < 800) leave(link.getAttribute("href"));
    last = now;
  });
})();
