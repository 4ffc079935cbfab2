/* 复制引用 / 复制链接 on each article: put the standard citation, or the article's stable link,
   on the clipboard. Falls back to a hidden textarea where the Clipboard API is unavailable. */
(function () {
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy-citation");
    if (!button) return;
    var text = button.getAttribute("data-copy-text");
    if (!text) {
      var url = new URL(window.location.href);
      url.hash = button.getAttribute("data-copy-anchor");
      text = url.href;
    }
    var label = button.textContent;
    copy(text).then(function () {
      button.textContent = "已复制";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
})();
