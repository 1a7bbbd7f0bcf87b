/*
 * Help where the reader is: every help box carries each country's short block (rendered into the
 * page by scripts/sitedata/render.py country_help; all but the default have `hidden`). This script
 * shows the chooser ("Où es-tu ? / Where are you?") and the block of the country the reader chose.
 *
 * Privacy: the choice is one localStorage entry (key in data-storage-key, "pjl-country"), in this
 * browser only. No cookie, no request, no guess from the network. "Forget my choice" or clearing the
 * site's data removes it. Without JavaScript the page language's default block stays visible.
 * Plain ES2017, no dependencies, no inline code; works from file:// and in Kiwix.
 */
(function () {
  "use strict";

  var groups = document.querySelectorAll("[data-country-help]");
  if (!groups.length) return;
  var key = groups[0].getAttribute("data-storage-key");

  function read() {
    try { return window.localStorage.getItem(key) || ""; } catch (error) { return ""; }
  }

  function write(code) {
    try {
      if (code) window.localStorage.setItem(key, code);
      else window.localStorage.removeItem(key);
    } catch (error) { /* storage refused (private mode): the choice lasts for this page only */ }
  }

  function apply(code) {
    Array.prototype.forEach.call(groups, function (group) {
      var known = code && group.querySelector('[data-country="' + code + '"]') ? code : "";
      var shown = known || group.getAttribute("data-default");
      Array.prototype.forEach.call(group.querySelectorAll("[data-country]"), function (block) {
        block.hidden = block.getAttribute("data-country") !== shown;
      });
      var select = group.querySelector("[data-country-select]");
      if (select) select.value = shown;
      var forget = group.querySelector("[data-country-forget]");
      if (forget) forget.hidden = !known;
      var chooser = group.querySelector(".country-chooser");
      if (chooser) chooser.hidden = false;
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-country-select]")) {
      write(target.value);
      apply(target.value);
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-country-forget]");
    if (!target) return;
    write("");
    apply("");
    var select = target.parentNode.querySelector("[data-country-select]");
    if (select) select.focus(); // the button disappears: keep the keyboard where it was
  });

  // Another tab changed or cleared the choice.
  window.addEventListener("storage", function (event) {
    if (event.key === key || event.key === null) apply(read());
  });

  apply(read());
})();
