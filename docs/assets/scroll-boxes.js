/* Wide tables and long code lines scroll sideways on a phone. A keyboard user can scroll such a
   box only if it can take focus (WCAG 2.1.1; axe rule scrollable-region-focusable), so every box
   that is wider than its content area gets tabindex="0", and loses it when the screen is wide
   enough. Material wraps each table in .md-typeset__scrollwrap when the page loads. */
(function () {
  var BOXES = ".md-typeset__scrollwrap, .md-typeset pre > code";
  function mark() {
    var boxes = document.querySelectorAll(BOXES);
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].scrollWidth > boxes[i].clientWidth + 1) boxes[i].setAttribute("tabindex", "0");
      else if (boxes[i].hasAttribute("data-scroll-box")) boxes[i].removeAttribute("tabindex");
      else continue;
      boxes[i].setAttribute("data-scroll-box", "");
    }
  }
  var timer = 0;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(mark, 100);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(later);
  window.addEventListener("load", mark);
  window.addEventListener("resize", later);
  document.addEventListener("toggle", later, true); /* a <details> opened: its boxes laid out */
})();
