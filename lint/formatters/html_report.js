(function () {
  "use strict";
  // A finding's fields, as html_article.finding_data writes them.
  var CODE = 0, NAME = 1, SEV = 2, LINE = 3, COL = 4, MSG = 5, EVID = 6, FIX = 7,
    AMBIG = 8, SUPP = 9, EXCERPT = 10;
  var W = JSON.parse(document.getElementById("nl-words").textContent);
  var arts = document.querySelectorAll("section.art");
  var index = new Map();
  var A = [];
  var filt = { rule: "", sev: { e: true, w: true, i: true, s: true }, file: "" };
  var cur = null;
  var statusEl = document.getElementById("nl-status");
  var ruleEl = document.getElementById("nl-rule");
  var fileEl = document.getElementById("nl-file");
  var detailEl = document.getElementById("nl-detail");
  var total = 0;

  for (var k = 0; k < arts.length; k++) index.set(arts[k], k);

  function fmt(s, o) {
    return s.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(o, key) ? String(o[key]) : m;
    });
  }

  // Per-article state, made when first needed: the findings' codes and severities come
  // from attributes, their details from the article's JSON only when shown.
  function st(a) {
    var s = A[a];
    if (!s) {
      var el = arts[a], c = el.getAttribute("data-c");
      s = A[a] = {
        el: el, codes: c ? c.split(" ") : [], sev: el.getAttribute("data-v") || "",
        data: null, body: null, marks: null, list: null, items: null, vis: null, nvis: 0
      };
      s.nvis = s.codes.length;
    }
    return s;
  }

  function visible(s, i) { return s.vis === null || s.vis[i] === true; }

  function sevOk(letter) {
    var low = letter.toLowerCase();
    if (low !== letter && !filt.sev.s) return false;
    return filt.sev[low] === true;
  }

  // An article's data (html_article.pack: JSON, deflated, base64), as a promise of
  // {t: text segments, f: findings}.
  function data(s) {
    if (s.data === null) {
      var script = s.el.querySelector("script[type='application/x-newslint-article']");
      if (!script) {
        s.data = Promise.resolve({ f: [] });
      } else {
        var bin = atob(script.textContent.trim()), bytes = new Uint8Array(bin.length);
        for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        var raw = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
        s.data = new Response(raw).text().then(JSON.parse);
      }
    }
    return s.data;
  }

  function marksOf(s, i) {
    if (s.marks === null) {
      s.marks = [];
      var ms = s.el.querySelectorAll("mark[data-f]");
      for (var j = 0; j < ms.length; j++) {
        var ids = ms[j].getAttribute("data-f").split(" ");
        for (var x = 0; x < ids.length; x++) {
          var id = +ids[x];
          (s.marks[id] = s.marks[id] || []).push(ms[j]);
        }
      }
    }
    return s.marks[i] || [];
  }

  function node(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function value(v) {
    if (v === null || v === undefined) return document.createTextNode("\u2014");
    if (typeof v === "boolean") return document.createTextNode(v ? W.yes : W.no);
    if (Array.isArray(v)) {
      if (v.length === 0) return document.createTextNode(W.empty);
      if (v.length === 1 && (v[0] === null || typeof v[0] !== "object")) return value(v[0]);
      var ul = node("ul");
      v.forEach(function (x) { ul.appendChild(node("li")).appendChild(value(x)); });
      return ul;
    }
    if (typeof v === "object") {
      var dl = node("dl"), keys = Object.keys(v);
      if (keys.length === 0) return document.createTextNode(W.empty);
      keys.forEach(function (key) {
        dl.appendChild(node("dt", "", key.replace(/_/g, " ")));
        dl.appendChild(node("dd")).appendChild(value(v[key]));
      });
      return dl;
    }
    return document.createTextNode(String(v));
  }

  function fixBlock(fix) {
    var box = node("div", "fix");
    var head = box.appendChild(node("div"));
    head.appendChild(node("strong", "", W.fix + ": "));
    head.appendChild(document.createTextNode(fix[0]));
    var how = W[fix[1]];
    head.appendChild(node("span", "tag", " (" + (how === undefined ? fix[1] : how) + ")"));
    var ul = box.appendChild(node("ul"));
    fix[2].forEach(function (e) {
      var li = ul.appendChild(node("li")), old = e[3], repl = e[2];
      if (old && repl) {
        li.appendChild(document.createTextNode(W.replace + " "));
        li.appendChild(node("del", "", old));
        li.appendChild(document.createTextNode(" " + W["with"] + " "));
        li.appendChild(node("ins", "", repl));
      } else if (repl) {
        li.appendChild(document.createTextNode(W.insert + " "));
        li.appendChild(node("ins", "", repl));
        li.appendChild(document.createTextNode(" " + fmt(W.at_offset, { offset: e[0] })));
      } else {
        li.appendChild(document.createTextNode(W["delete"] + " "));
        li.appendChild(node("del", "", old));
      }
    });
    return box;
  }

  function renderFinding(f, i) {
    var li = node("li", f[SEV]);
    li.setAttribute("data-i", String(i));
    var h = li.appendChild(node("div", "fh"));
    h.appendChild(node("span", "sev", W["sev_" + f[SEV]]));
    h.appendChild(document.createTextNode(f[CODE] + " " + f[NAME] + " "));
    h.appendChild(node("span", "loc", fmt(W.line, { line: f[LINE], column: f[COL] })));
    if (f[AMBIG]) h.appendChild(node("span", "tag", " \u00b7 " + W.ambiguous));
    if (f[SUPP] !== null) {
      h.appendChild(node("span", "tag", " \u00b7 " + fmt(W.suppressed, { reason: f[SUPP] || W.no_reason })));
    }
    li.appendChild(node("div", "msg", f[MSG]));
    if (f[EXCERPT]) li.appendChild(node("div", "tag", fmt(W.points_at, { excerpt: f[EXCERPT] })));
    if (f[EVID] && Object.keys(f[EVID]).length) {
      var ev = li.appendChild(node("div", "ev"));
      ev.appendChild(node("strong", "", W.evidence));
      ev.appendChild(value(f[EVID]));
    }
    if (f[FIX]) li.appendChild(fixBlock(f[FIX]));
    return li;
  }

  // The article's text with its marks, made once, as text nodes and <mark> elements
  // (never parsed as HTML); a promise of its data.
  function body(s) {
    if (s.body === null) {
      s.body = data(s).then(function (d) {
        var pre = s.el.querySelector("pre"), frag = document.createDocumentFragment();
        (d.t || []).forEach(function (seg) {
          if (typeof seg === "string") {
            frag.appendChild(document.createTextNode(seg));
          } else {
            var m = frag.appendChild(node("mark", seg[2], seg[0]));
            m.setAttribute("data-f", seg[1]);
          }
        });
        if (pre) pre.appendChild(frag);
        s.marks = null;
        if (s.vis !== null) paint(s);
        s.el.classList.add("ready");
        return d;
      });
    }
    return s.body;
  }

  // The article's finding list, made once with its text (a promise of its items).
  function list(s) {
    if (s.list === null) {
      s.list = body(s).then(function (d) {
        var ol = s.el.querySelector("ol.fl"), frag = document.createDocumentFragment();
        var items = [], f = d.f;
        for (var i = 0; i < f.length; i++) {
          var li = renderFinding(f[i], i);
          li.hidden = !visible(s, i);
          items.push(frag.appendChild(li));
        }
        if (ol) ol.appendChild(frag);
        s.items = items;
        return items;
      });
    }
    return s.list;
  }

  function paint(s) {
    var ms = s.el.querySelectorAll("mark[data-f]");
    for (var j = 0; j < ms.length; j++) {
      var ids = ms[j].getAttribute("data-f").split(" "), on = false;
      for (var x = 0; x < ids.length && !on; x++) on = visible(s, +ids[x]);
      ms[j].classList.toggle("off", !on);
    }
    if (s.items !== null) s.items.forEach(function (li, i) { li.hidden = !visible(s, i); });
  }

  function ordinal() {
    var n = 0;
    for (var a = 0; a < cur.a; a++) { var s = st(a); if (!s.el.hidden) n += s.nvis; }
    var c = st(cur.a);
    for (var i = 0; i <= cur.f; i++) if (visible(c, i)) n++;
    return n;
  }

  function shownCount() {
    var n = 0;
    for (var a = 0; a < arts.length; a++) { var s = st(a); if (!s.el.hidden) n += s.nvis; }
    return n;
  }

  function status() {
    var shown = shownCount();
    if (shown === 0 && total > 0) statusEl.textContent = W.none;
    else if (cur) statusEl.textContent = fmt(W.at, { i: ordinal(), n: shown });
    else statusEl.textContent = fmt(W.shown, { shown: shown, total: total });
  }

  function focusOn(target) {
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }

  // Select finding ``f`` of article ``a`` (null: none); its marks, list item and details
  // once the article is made (at once when it is on screen already).
  function select(a, f, focus) {
    if (cur) {
      var old = st(cur.a), oldLi = old.items && old.items[cur.f];
      marksOf(old, cur.f).forEach(function (m) { m.classList.remove("cur"); });
      if (oldLi) { oldLi.classList.remove("cur"); oldLi.removeAttribute("aria-current"); }
    }
    cur = null;
    detailEl.hidden = true;
    if (a !== null) {
      var s = st(a), mine = { a: a, f: f };
      cur = mine;
      Promise.all([list(s), data(s)]).then(function (got) {
        if (cur !== mine) return;
        var li = got[0][f], ms = marksOf(s, f);
        ms.forEach(function (m) { m.classList.add("cur"); });
        if (li) { li.classList.add("cur"); li.setAttribute("aria-current", "true"); }
        if (focus && (ms[0] || li)) focusOn(ms[0] || li);
        showDetail(s, got[1].f, f);
      });
    }
    status();
  }

  // The selected finding's details, on screen beside its passage however long the article.
  function showDetail(s, d, f) {
    detailEl.textContent = "";
    detailEl.appendChild(node("div", "tag", s.el.getAttribute("data-p")));
    var box = detailEl.appendChild(node("ol", "fl"));
    box.appendChild(renderFinding(d[f], f));
    detailEl.hidden = false;
  }

  function step(dir) {
    var a = cur ? cur.a : (dir > 0 ? 0 : arts.length - 1);
    var f = cur ? cur.f + dir : (dir > 0 ? 0 : -1);
    while (a >= 0 && a < arts.length) {
      var s = st(a), n = s.codes.length;
      if (!s.el.hidden && s.nvis > 0) {
        if (f < 0 && dir < 0 && !(cur && cur.a === a)) f = n - 1;
        for (; f >= 0 && f < n; f += dir) {
          if (visible(s, f)) { select(a, f, true); return; }
        }
      }
      a += dir;
      f = dir > 0 ? 0 : -1;
    }
  }

  function apply() {
    var allSev = filt.sev.e && filt.sev.w && filt.sev.i && filt.sev.s;
    var needle = filt.file.toLowerCase();
    for (var a = 0; a < arts.length; a++) {
      var s = st(a), n = s.codes.length, was = s.vis, vis = null, kept = n;
      var fileOk = !needle || s.el.getAttribute("data-p").toLowerCase().indexOf(needle) >= 0;
      if (filt.rule || !allSev) {
        vis = [];
        kept = 0;
        for (var i = 0; i < n; i++) {
          var ok = (!filt.rule || s.codes[i] === filt.rule) && sevOk(s.sev.charAt(i));
          vis.push(ok);
          if (ok) kept++;
        }
      }
      s.vis = vis;
      s.nvis = kept;
      s.el.hidden = !fileOk || (kept === 0 && vis !== null);
      if (vis !== null || was !== null) paint(s);
    }
    if (cur && (st(cur.a).el.hidden || !visible(st(cur.a), cur.f))) select(null);
    else status();
  }

  function readFilters() {
    filt.rule = ruleEl.value;
    var boxes = document.querySelectorAll("input.nl-sev");
    for (var j = 0; j < boxes.length; j++) filt.sev[boxes[j].value] = boxes[j].checked;
    filt.file = fileEl.value.trim();
    apply();
  }

  var timer = 0;
  ruleEl.addEventListener("change", readFilters);
  document.querySelectorAll("input.nl-sev").forEach(function (b) {
    b.addEventListener("change", readFilters);
  });
  fileEl.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(readFilters, 120);
  });
  document.getElementById("nl-next").addEventListener("click", function () { step(1); });
  document.getElementById("nl-prev").addEventListener("click", function () { step(-1); });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target, tag = t && t.tagName;
    if (tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && t.type !== "checkbox")) {
      if (ev.key === "Escape") t.blur();
      return;
    }
    if (ev.key === "j" || ev.key === "n") step(1);
    else if (ev.key === "k" || ev.key === "p") step(-1);
    else if (ev.key === "/") fileEl.focus();
    else if (ev.key === "Escape") select(null);
    else return;
    ev.preventDefault();
  });

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var pick = t.closest("button.nl-pick");
    if (pick) {
      ruleEl.value = pick.value;
      readFilters();
      select(null);
      step(1);
      return;
    }
    if (t.closest("#nl-detail")) return;
    var sec = t.closest("section.art");
    if (!sec) return;
    var a = index.get(sec), s = st(a);
    var m = t.closest("mark[data-f]");
    if (m) {
      var ids = m.getAttribute("data-f").split(" ").map(Number).filter(function (i) {
        return visible(s, i);
      });
      if (!ids.length) return;
      var at = cur && cur.a === a ? ids.indexOf(cur.f) : -1;
      select(a, ids[(at + 1) % ids.length], true);
      return;
    }
    var li = t.closest("ol.fl > li");
    if (li) select(a, +li.getAttribute("data-i"), true);
  });

  // The table of files and the list of passed ones, made when first opened.
  var filesMade = false;
  function makeFiles() {
    if (filesMade) return;
    filesMade = true;
    var rows = JSON.parse(document.getElementById("nl-files").textContent);
    var tbody = document.querySelector("table.files tbody"), ul = document.querySelector("ul.passed");
    var tf = document.createDocumentFragment(), pf = document.createDocumentFragment();
    rows.forEach(function (r) {
      var tr = tf.appendChild(node("tr")), a = node("a", "", r[1]);
      a.setAttribute("href", "#a" + r[0]);
      tr.appendChild(node("td")).appendChild(a);
      tr.appendChild(node("td", "", r[2]));
      for (var k = 3; k < 7; k++) tr.appendChild(node("td", "num", String(r[k])));
      if (r[3] + r[4] + r[5] === 0) {
        var b = node("a", "", r[1]);
        b.setAttribute("href", "#a" + r[0]);
        pf.appendChild(node("li")).appendChild(b);
      }
    });
    if (!pf.firstChild) pf.appendChild(node("li", "", W.none_passed));
    if (tbody) tbody.appendChild(tf);
    if (ul) ul.appendChild(pf);
  }
  document.querySelectorAll("details.nl-files").forEach(function (d) {
    if (d.open) makeFiles();
    d.addEventListener("toggle", function () { if (d.open) makeFiles(); });
  });

  // Articles are made only when they come near the screen.
  if ("IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) {
          list(st(index.get(e.target)));
          io.unobserve(e.target);
        }
      });
    }, { rootMargin: "600px 0px" });
    arts.forEach(function (el) { io.observe(el); });
  } else {
    for (var b = 0; b < arts.length; b++) list(st(b));
  }

  for (var c = 0; c < arts.length; c++) total += st(c).codes.length;
  status();
})();
