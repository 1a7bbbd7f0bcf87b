/*
 * Site behaviour that Material does not provide. Plain ES2017, no dependencies, no inline code
 * (the Content-Security-Policy allows only files from this site). Loaded just before Material's
 * bundle on every page, online and from file://.
 */
(function () {
  "use strict";

  /*
   * 1. No sitemap requests.
   * Material reads sitemap.xml next to every <link rel="alternate"> to keep readers on the same page
   * when they switch language. Our language link already points to the translated page (static-i18n),
   * so those requests only produce 404s online and CORS errors from file://. Answer them here with an
   * error event, which Material handles by falling back to the plain link — and no request leaves.
   */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__siteSkip = /(^|\/)sitemap\.xml(\.gz)?$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__siteSkip) {
      var xhr = this;
      setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("error")); }, 0);
      return;
    }
    return send.apply(this, arguments);
  };

  /*
   * 2. Quick exit: the button, and Shift pressed three times (the GOV.UK pattern; Escape is avoided
   * because it already closes dialogs and search). location.replace swaps this page out of the
   * history entry, so Back does not come back to it. Earlier pages of this site stay in the history:
   * the "cover your tracks" page says so.
   */
  function quickExit(event) {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    if (event) event.preventDefault();
    document.documentElement.classList.add("site-exiting"); // hide the page at once
    document.title = "";
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-quick-exit]");
    if (target) quickExit(event);
  });

  /*
   * One tap leaves, whatever is open. The search is a modal dialog: while it is open the rest of
   * the page is inert and a tap on the button lands on the dialog's backdrop, whose click handler
   * would only close the search. So the exit listens first (capture phase on window, before any
   * handler of the page) and leaves when the click lands on the backdrop right over the button,
   * never when it lands on the dialog's own content. A click, not pointerdown: a finger that only
   * starts a scroll on the button must not throw the reader out.
   */
  function overExit(event) {
    var link = document.querySelector("[data-quick-exit]");
    var target = event.target;
    if (!link || !target.closest) return false;
    var dialog = target.closest("dialog[open]");
    if (dialog !== target) return false; // only the backdrop of an open dialog
    var x = event.clientX, y = event.clientY;
    var inside = function (rect) { return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom; };
    return inside(link.getBoundingClientRect()) && !inside(dialog.getBoundingClientRect());
  }

  window.addEventListener("click", function (event) {
    if (overExit(event)) {
      event.stopPropagation();
      quickExit(event);
    }
  }, true);

  /*
   * 3. Search: the button appears only when JavaScript runs. The search code and this language's
   * index are loaded on first use, so a first visit never pays for them. "/" opens it too.
   */
  var searchButton = document.querySelector("[data-site-search]");
  if (searchButton) {
    searchButton.hidden = false;
    var searchLoading = false;
    var openSearch = function () {
      if (window.__siteSearchOpen) return window.__siteSearchOpen();
      if (searchLoading) return;
      searchLoading = true;
      var script = document.createElement("script");
      script.src = searchButton.getAttribute("data-script");
      script.onload = function () { window.__siteSearchOpen(); };
      document.head.appendChild(script);
    };
    searchButton.addEventListener("click", openSearch);
    document.addEventListener("keydown", function (event) {
      var tag = (document.activeElement && document.activeElement.tagName) || "";
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey &&
          !/^(INPUT|TEXTAREA|SELECT)$/.test(tag) && !document.activeElement.isContentEditable) {
        event.preventDefault();
        openSearch();
      }
    });
  }

  /*
   * 4. The menu button (partials/header.html) is a real button: it ticks Material's drawer toggle
   * (as Material's label would) and says whether the menu is open. Without JavaScript it is hidden
   * (noscript.css) and the <noscript> label does the same with CSS alone.
   * The drawer and search toggles carry no autocomplete="off" (invalid on checkboxes), which kept
   * browsers from restoring them ticked when a page is reloaded or reached again through history:
   * untick them when a page is shown from the network (Material closes them 125 ms later anyway).
   */
  var drawer = document.getElementById("__drawer");
  var menuButton = document.querySelector("[data-site-menu]");
  if (drawer && menuButton) {
    var showState = function () { menuButton.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    menuButton.addEventListener("click", function () { drawer.click(); });
    drawer.addEventListener("change", showState);
    showState();
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) return;
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    });
  });

  /*
   * 5. Printing: the print stylesheet writes each outside link's address after its text. A long
   * address must wrap between its parts, never inside a word, so each link gets data-print-href,
   * its address with a zero-width space after / . - _ ? & = — set here when the page loads (not in
   * the HTML, which would weigh on every visit), so it is there however the page gets printed.
   */
  function printableAddresses() {
    var links = document.querySelectorAll('.md-typeset a[href^="http"]:not([data-print-href])');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      var cut = href.indexOf("://") + 3;
      var rest = href.slice(cut).replace(/\/$/, "").replace(/([\/.\-_?&=])/g, "$1\u200b");
      links[i].setAttribute("data-print-href", href.slice(0, cut) + rest.replace(/\u200b$/, ""));
    }
  }
  printableAddresses();
  window.addEventListener("beforeprint", printableAddresses);

  var shiftPresses = 0;
  var shiftTimer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      shiftPresses = 0;
      return;
    }
    if (event.repeat) return; // holding Shift down is one press
    shiftPresses += 1;
    clearTimeout(shiftTimer);
    shiftTimer = setTimeout(function () { shiftPresses = 0; }, 5000);
    if (shiftPresses >= 3) {
      shiftPresses = 0;
      quickExit(null);
    }
  });
})();
