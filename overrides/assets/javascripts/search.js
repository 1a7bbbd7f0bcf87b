/*
 * Site search, per language, loaded only when the reader opens it (site.js injects this file).
 *
 * The index (search/index-<lang>.js, written at build time by scripts/web/search_index.py) holds
 * the raw text of each page section. Here we fold accents, split words and apply a light stemmer
 * to BOTH the index and the query, so "harcelement", "harcèlements" and "harceler" meet, and
 * "blackmailed" finds "blackmail". Every query word must match (in any order); the last word may
 * be unfinished (prefix match), as people type. Works from file:// (no fetch, no worker).
 */
(function () {
  "use strict";

  var button = document.querySelector("[data-site-search]");
  if (!button) return;
  var lang = button.getAttribute("data-lang");
  var base = button.getAttribute("data-base").replace(/\/?$/, "/");
  var label = function (name) { return button.getAttribute("data-label-" + name) || ""; };

  /* ---- Text normalisation (the same for index and query) ---------------------------------- */
  function fold(text) {
    return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  var FR_SUFFIXES = ["issements", "issement", "ations", "ation", "ements", "ement", "ments", "ment",
    "euses", "euse", "eurs", "eur", "ees", "ee", "es", "er", "e"];

  function stemFr(word) {
    if (word.length <= 3) return word;
    if (word.length > 5 && /aux$/.test(word)) word = word.slice(0, -3) + "al";  // signaux -> signal
    word = word.replace(/[sx]$/, "");                                          // plurals
    for (var i = 0; i < FR_SUFFIXES.length; i++) {
      var suffix = FR_SUFFIXES[i];
      if (word.length - suffix.length >= 3 && word.slice(-suffix.length) === suffix) {
        return word.slice(0, -suffix.length);
      }
    }
    return word;
  }

  function stemEn(word) {
    if (word.length <= 3) return word;
    if (/ies$/.test(word) && word.length > 4) return word.slice(0, -3) + "y";
    if (/sses$/.test(word)) word = word.slice(0, -2);
    else if (/[^su]s$/.test(word)) word = word.slice(0, -1);
    if (/ed$/.test(word) && word.length > 4) word = word.slice(0, -2);
    else if (/ing$/.test(word) && word.length > 5) word = word.slice(0, -3);
    if (/e$/.test(word) && word.length > 4) word = word.slice(0, -1);
    return word;
  }

  var stem = lang === "fr" ? stemFr : stemEn;
  var WORD = /[a-z0-9]+/g;

  function terms(text) {
    return (fold(text).match(WORD) || []).map(stem);
  }

  /* ---- Index ----------------------------------------------------------------------------- */
  var entries = null;

  function prepare(raw) {
    return raw.map(function (entry) {
      return { entry: entry, title: terms(entry.t), heading: terms(entry.h), text: terms(entry.x),
               description: terms(entry.d || "") };
    });
  }

  // Exact stems count most; a word still being typed matches the start of a stem (3+ letters);
  // a long word also matches inside compounds ("harcelement" in "cyberharcelement").
  function matches(list, term) {
    var score = 0;
    for (var i = 0; i < list.length; i++) {
      var word = list[i];
      if (word === term) score += 1;
      else if (term.length >= 3 && word.lastIndexOf(term, 0) === 0) score += 0.8;
      else if (term.length >= 5 && word.indexOf(term) > 0) score += 0.6;
    }
    return score;
  }

  function search(query) {
    var words = terms(query).filter(function (w) { return w.length > 1; });
    if (!words.length) return [];
    var results = [];
    entries.forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var t = matches(doc.title, words[i]);
        var h = matches(doc.heading, words[i]);
        var d = matches(doc.description, words[i]);
        var x = matches(doc.text, words[i]);
        if (!t && !h && !d && !x) return;  // every word must be found
        // The page's own one-line summary (d) weighs like a section heading.
        score += t * 10 + (h + d) * 5 + Math.min(x, 5);
      }
      results.push({ doc: doc, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score; });
    return results.slice(0, 20);
  }

  /* ---- Snippets ---------------------------------------------------------------------------- */
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function highlight(text, words) {
    var out = "";
    var last = 0;
    var re = /[\p{L}\p{N}]+/gu;
    var match;
    while ((match = re.exec(text))) {
      var s = stem(fold(match[0]));
      var hit = words.some(function (w) {
        return s === w || (w.length >= 3 && s.lastIndexOf(w, 0) === 0) || (w.length >= 5 && s.indexOf(w) > 0);
      });
      if (hit) {
        out += escapeHtml(text.slice(last, match.index)) + "<mark>" + escapeHtml(match[0]) + "</mark>";
        last = match.index + match[0].length;
      }
    }
    return out + escapeHtml(text.slice(last));
  }

  function snippet(text, words) {
    var folded = fold(text);
    var at = -1;
    words.forEach(function (w) {
      var i = folded.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 60);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;  // begin on a whole word
    var piece = text.slice(start, start + 180);
    return (start > 0 ? "… " : "") + highlight(piece, words) + (start + 180 < text.length ? " …" : "");
  }

  /* ---- Dialog ------------------------------------------------------------------------------ */
  var dialog, input, status, list;

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "site-search";
    dialog.setAttribute("aria-labelledby", "site-search-title");
    dialog.innerHTML =
      '<div class="site-search__bar" role="search">' +
      '<h2 id="site-search-title" class="site-search__title"></h2>' +
      '<label class="site-search__label" for="site-search-input"></label>' +
      '<input id="site-search-input" class="site-search__input" type="search" autocomplete="off" spellcheck="false">' +
      '<button type="button" class="site-search__close"></button>' +
      "</div>" +
      '<p class="site-search__status" role="status" aria-live="polite"></p>' +
      '<ol class="site-search__results"></ol>';
    dialog.querySelector(".site-search__title").textContent = label("title");
    dialog.querySelector(".site-search__label").textContent = label("input");
    dialog.querySelector(".site-search__close").textContent = label("close");
    input = dialog.querySelector("input");
    status = dialog.querySelector(".site-search__status");
    list = dialog.querySelector(".site-search__results");
    dialog.querySelector(".site-search__close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    // One Escape closes (in a search field Chrome would otherwise only clear the text first).
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
    });
    input.addEventListener("input", render);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) first.click();
        event.preventDefault();
      }
    });
    document.body.appendChild(dialog);
  }

  function render() {
    var query = input.value.trim();
    list.innerHTML = "";
    if (!entries) { status.textContent = label("loading"); return; }
    if (!query) { status.textContent = label("hint"); return; }
    var found = search(query);
    var words = terms(query);
    status.textContent = found.length ? label("count").replace("{n}", found.length) : label("none");
    found.forEach(function (result) {
      var e = result.doc.entry;
      var item = document.createElement("li");
      item.innerHTML = '<a class="site-search__link" href="' + escapeHtml(base + e.u) + '">' +
        '<span class="site-search__page">' + escapeHtml(e.t) + "</span>" +
        (e.h ? ' <span class="site-search__section">› ' + escapeHtml(e.h) + "</span>" : "") +
        '<span class="site-search__snippet">' + snippet(e.x || e.d || e.h, words) + "</span></a>";
      list.appendChild(item);
    });
  }

  function loadIndex() {
    if ((window.__siteSearch || {})[lang]) {
      entries = prepare(window.__siteSearch[lang]);
      render();
      return;
    }
    var script = document.createElement("script");
    script.src = button.getAttribute("data-index");
    script.onload = function () {
      entries = prepare((window.__siteSearch || {})[lang] || []);
      render();
    };
    script.onerror = function () { status.textContent = label("error"); };
    document.head.appendChild(script);
  }

  window.__siteSearchOpen = function () {
    if (!dialog) { build(); loadIndex(); }
    if (!dialog.open) dialog.showModal();
    input.focus();
    render();
  };
})();
