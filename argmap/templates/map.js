(function () {
  "use strict";
  // Milliseconds after navigation started: the script runs, the graph is first drawn, the first
  // view is chosen (folded and moved if need be: the page is ready to use).
  var timing = { script: performance.now(), drawn: null, ready: null, stabilized: null };
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var map = data.map;
  var byId = new Map();
  var order = new Map();
  map.components.forEach(function (c, i) { byId.set(c.id, c); order.set(c.id, i); });
  var notesById = new Map();
  data.findings.forEach(function (f) {
    if (f.component === null || f.component === undefined) return;
    if (!notesById.has(f.component)) notesById.set(f.component, []);
    notesById.get(f.component).push(f);
  });
  var INDENT = 30;  // the indent of a stacked supporter (argmap/render.py: _INDENT)
  var FONT = getComputedStyle(document.body).fontFamily;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function byOrder(a, b) { return order.get(a) - order.get(b); }
  function short(id, n) {
    var t = byId.get(id).text.replace(/\s+/g, " ").trim();
    return t.length > n ? t.slice(0, n - 1) + "\u2026" : t;
  }
  function label(id) { return byId.get(id).kind.toUpperCase() + ": " + short(id, 60); }
  var positional = new Set(data.positional);
  var SURENESS = data.sureness;
  function cue(r) {  // the essay's own cue word for a link, quoted, or nothing
    return r.signal && !positional.has(r.signal) ? " (\u201c" + r.signal + "\u201d)" : "";
  }
  function facts(c) {
    var s = c.kind.charAt(0).toUpperCase() + c.kind.slice(1);
    if (c.evidence_type) s += " (" + c.evidence_type + ")";
    return s + " \u00b7 confidence " + Number(c.confidence).toFixed(2);
  }

  // Keyboard: in a list of items, one is in the Tab order; the arrow keys, Home and End move.
  function roving(container, selector, usable, onEnter) {
    function items() {
      return Array.prototype.filter.call(container.querySelectorAll(selector), usable);
    }
    function setCurrent(item) {
      container.querySelectorAll(selector).forEach(function (x) { x.tabIndex = x === item ? 0 : -1; });
    }
    container.addEventListener("keydown", function (ev) {
      var cur = ev.target.closest ? ev.target.closest(selector) : null;
      if (!cur || !container.contains(cur)) return;
      var list = items(), i = list.indexOf(cur), next = null;
      if (ev.key === "ArrowDown" || ev.key === "ArrowRight") next = list[Math.min(i + 1, list.length - 1)];
      else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft") next = list[Math.max(i - 1, 0)];
      else if (ev.key === "Home") next = list[0];
      else if (ev.key === "End") next = list[list.length - 1];
      else if ((ev.key === "Enter" || ev.key === " ") && onEnter && cur.tagName !== "BUTTON") {
        ev.preventDefault();
        onEnter(cur);
        return;
      }
      if (next) { ev.preventDefault(); setCurrent(next); next.focus(); }
    });
    container.addEventListener("focusin", function (ev) {
      var cur = ev.target.closest ? ev.target.closest(selector) : null;
      if (cur && container.contains(cur)) setCurrent(cur);
    });
    return {
      reset: function () { var list = items(); setCurrent(list.length ? list[0] : null); },
      setCurrent: setCurrent
    };
  }

  // Header height drives the height of the two panes.
  var header = document.querySelector("header.top");
  function sizeLayout() {
    document.documentElement.style.setProperty("--header-h", header.offsetHeight + "px");
  }
  sizeLayout();
  window.addEventListener("resize", sizeLayout);

  // --- The essay pane: text from offsets, components wrapped in spans (text nodes only). ---
  var essay = document.getElementById("essay");
  var spanById = new Map();
  // Offsets in the map count characters (code points); JavaScript strings count UTF-16 units.
  var unitAt = null;
  if (/[\ud800-\udbff]/.test(map.text)) {
    unitAt = [0];
    for (var ch of map.text) unitAt.push(unitAt[unitAt.length - 1] + ch.length);
  }
  function u16(i) { return unitAt === null ? i : unitAt[Math.min(i, unitAt.length - 1)]; }
  function slice(start, end) { return map.text.slice(u16(start), u16(end)); }
  // page.py's _spans: [start, end, id] per component in text order, without overlaps, in UTF-16.
  function spansOf(comps) {
    var out = [], last = 0;
    comps.slice().sort(function (a, b) { return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); })
      .forEach(function (c) {
        var start = Math.max(c.start, last);
        if (c.end <= start) return;
        out.push([u16(start), u16(c.end), c.id]);
        last = c.end;
      });
    return out;
  }
  // The essay pane: the text, each component's passage a span.
  function buildEssay(spans) {
    spanById = new Map();
    var frag = document.createDocumentFragment(), pos = 0;
    spans.forEach(function (s) {
      var start = s[0], end = s[1], id = s[2], c = byId.get(id);
      if (start > pos) frag.appendChild(document.createTextNode(map.text.slice(pos, start)));
      var span = el("span", "unit k-" + c.kind);
      span.appendChild(document.createTextNode(map.text.slice(start, end)));
      span.dataset.id = id;
      span.tabIndex = -1;
      span.setAttribute("role", "button");
      span.setAttribute("aria-label", c.kind + ": " + c.text);
      var tip = [facts(c)];
      (notesById.get(id) || []).forEach(function (f) { tip.push("\u26a0 " + f.message); });
      span.title = tip.join("\n");
      if (notesById.has(id)) span.classList.add("flagged");
      spanById.set(id, span);
      frag.appendChild(span);
      pos = end;
    });
    if (pos < map.text.length) frag.appendChild(document.createTextNode(map.text.slice(pos)));
    essay.replaceChildren(frag);
  }
  buildEssay(data.spans);
  var essayKeys = roving(essay, ".unit", function (s) { return !s.classList.contains("offview"); },
    function (span) { select(span.dataset.id, "text"); });

  // --- The graph: one of two views ("argument" or "causal"), rebuilt when the view changes. ---
  var container = document.getElementById("network");
  var view = null, nodes = null, edges = null, network = null;
  var details = document.getElementById("details");
  var selected = null;
  var hiddenKinds = new Set();   // roles switched off in the legend
  var hiddenLinks = new Set();   // relation kinds switched off in the legend
  var focus = null;              // {id, set} while one neighbourhood is shown
  var saved = null;              // the view before focusing
  var showAllButton = document.getElementById("show-all");
  var hint = document.getElementById("graph-hint");
  var hintText = hint.textContent;

  function nodeShown(id) {
    return byId.has(id) && !hiddenKinds.has(byId.get(id).kind) &&
      (focus === null ? !(view === "argument" && foldedAway(id)) : focus.set.has(id));
  }
  function edgeShown(e) { return !hiddenLinks.has(e.kind) && nodeShown(e.from) && nodeShown(e.to); }

  // vis-network draws curved edges; the links inside a block of the argument view are drawn here
  // instead, as elbow lines, so they never cross a node: from a stacked supporter along the
  // indent up into what it supports ("stack"), from an attacker across the gap into the right
  // side of what it attacks ("side").
  function shapeOf(net, id) {
    var n = net.body.nodes[id];
    return n && n.shape && n.shape.width ? n.shape : null;
  }
  function drawElbows(net, ctx, list) {
    if (focus !== null) return;
    var chosen = new Set(net.getSelectedNodes());
    list.forEach(function (e) {
      var item = edges.get(e.id);  // the shown view's state also holds for its PNG copy
      if (!item || !edgeShown(item)) return;
      var p = shapeOf(net, e.to), c = shapeOf(net, e.from);
      if (!p || !c) return;
      var cy = c.top + c.height / 2, tip, head, path;
      if (e.route === "stack") {
        var sx = p.left + INDENT / 2, pb = p.top + p.height;
        path = [[sx, pb + 8], [sx, cy], [c.left, cy]];
        tip = [sx, pb]; head = [[sx - 5, pb + 9], [sx + 5, pb + 9]];
      } else {
        var py = p.top + p.height / 2, pr = p.left + p.width, mx = (pr + c.left) / 2;
        path = [[pr + 8, py], [mx, py], [mx, cy], [c.left, cy]];
        tip = [pr, py]; head = [[pr + 9, py - 5], [pr + 9, py + 5]];
      }
      ctx.save();
      ctx.strokeStyle = e.color.color;
      ctx.fillStyle = e.color.color;
      ctx.lineWidth = (e.width || 2) + (chosen.has(e.from) || chosen.has(e.to) ? 1.5 : 0);
      ctx.setLineDash(Array.isArray(e.dashes) ? e.dashes : []);
      ctx.beginPath();
      ctx.moveTo(path[0][0], path[0][1]);
      for (var i = 1; i < path.length; i++) ctx.lineTo(path[i][0], path[i][1]);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();  // the arrowhead, into what is supported or attacked
      ctx.moveTo(tip[0], tip[1]);
      ctx.lineTo(head[0][0], head[0][1]);
      ctx.lineTo(head[1][0], head[1][1]);
      ctx.closePath();
      ctx.fill();
      ctx.restore();
    });
  }

  // The links up to a thesis are drawn here too: from each block's top component a short line
  // up into a line over its row; the rows' lines join on the left and lead up to the thesis. The
  // cue word stands by the short line.
  function drawBus(net, ctx, list) {
    if (focus !== null) return;
    var chosen = new Set(net.getSelectedNodes()), rows = new Map(), theses = new Map(), left = Infinity;
    list.forEach(function (e) {
      var item = edges.get(e.id);
      if (!item || !edgeShown(item)) return;
      var c = shapeOf(net, e.from), t = shapeOf(net, e.to);
      if (!c || !t) return;
      var top = Math.round(c.top);
      if (!rows.has(top)) rows.set(top, []);
      rows.get(top).push({ e: e, x: c.left + c.width / 2, on: chosen.has(e.from) || chosen.has(e.to) });
      theses.set(e.to, t);
      left = Math.min(left, c.left - 24);
    });
    if (!rows.size) return;
    var tops = Array.from(rows.keys()).sort(function (a, b) { return a - b; });
    var bus = function (top) { return top - 42; };
    ctx.save();
    ctx.strokeStyle = "#8a939c"; ctx.fillStyle = "#8a939c"; ctx.lineWidth = 2;
    ctx.beginPath();
    tops.forEach(function (top, i) {
      var xs = rows.get(top).map(function (s) { return s.x; });
      if (i === 0) theses.forEach(function (t) { xs.push(t.left + t.width / 2); });
      var from = tops.length > 1 ? left : Math.min.apply(null, xs);
      ctx.moveTo(from, bus(top));
      ctx.lineTo(Math.max.apply(null, xs), bus(top));
    });
    if (tops.length > 1) { ctx.moveTo(left, bus(tops[0])); ctx.lineTo(left, bus(tops[tops.length - 1])); }
    theses.forEach(function (t) {
      var tx = t.left + t.width / 2, tb = t.top + t.height;
      ctx.moveTo(tx, bus(tops[0])); ctx.lineTo(tx, tb + 8);
    });
    ctx.stroke();
    theses.forEach(function (t) {  // an arrowhead into each thesis
      var tx = t.left + t.width / 2, tb = t.top + t.height;
      ctx.beginPath(); ctx.moveTo(tx, tb); ctx.lineTo(tx - 6, tb + 11); ctx.lineTo(tx + 6, tb + 11); ctx.closePath(); ctx.fill();
    });
    ctx.font = "13px " + FONT; ctx.textBaseline = "middle";
    tops.forEach(function (top) {
      rows.get(top).forEach(function (s) {
        var y = bus(top);
        ctx.strokeStyle = s.e.color.color; ctx.fillStyle = s.e.color.color;
        ctx.lineWidth = (s.e.width || 2) + (s.on ? 1.5 : 0);
        ctx.setLineDash(Array.isArray(s.e.dashes) ? s.e.dashes : []);
        ctx.beginPath(); ctx.moveTo(s.x, top); ctx.lineTo(s.x, y + 9); ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath(); ctx.moveTo(s.x, y); ctx.lineTo(s.x - 5, y + 10); ctx.lineTo(s.x + 5, y + 10); ctx.closePath(); ctx.fill();
        if (s.e.label) {
          var w = ctx.measureText(s.e.label).width, ly = y + 22;
          ctx.fillStyle = "rgba(255,255,255,0.9)"; ctx.fillRect(s.x + 5, ly - 9, w + 6, 18);
          ctx.fillStyle = "#3b4148"; ctx.fillText(s.e.label, s.x + 8, ly);
        }
      });
    });
    ctx.restore();
  }

  // A folded block shows a badge under its top component: what is folded in it (click to unfold).
  var badges = [];  // [left, top, right, bottom, id] on the shown graph, for clicks
  function foldedWords(id) {
    var counts = new Map();
    itemById.get(id).members.forEach(function (x) { var k = byId.get(x).kind; counts.set(k, (counts.get(k) || 0) + 1); });
    return Array.from(counts.entries()).map(function (kc) { return kc[1] + " " + kc[0] + (kc[1] > 1 && kc[0] !== "evidence" && kc[0] !== "context" ? "s" : ""); }).join(", ");
  }
  function drawBadges(net, ctx) {
    if (net === network) badges = [];
    if (focus !== null || view !== "argument") return;
    ctx.save();
    ctx.font = "13px " + FONT; ctx.textBaseline = "middle";
    folded.forEach(function (id) {
      var sh = shapeOf(net, id);
      if (!sh || !nodeShown(id)) return;
      var x = sh.left, y = sh.top + sh.height + 6, w = sh.width, h = 22;
      ctx.fillStyle = "#eef1f4"; ctx.strokeStyle = "#8a939c"; ctx.lineWidth = 1;
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(x, y, w, h, 6); else ctx.rect(x, y, w, h);
      ctx.fill(); ctx.stroke();
      ctx.fillStyle = "#1b1f24";
      var text = "\u25b8 " + foldedWords(id);
      while (ctx.measureText(text).width > w - 12 && text.length > 4) text = text.slice(0, -2) + "\u2026";
      ctx.fillText(text, x + 6, y + h / 2);
      if (net === network) badges.push([x, y, x + w, y + h, id]);
    });
    ctx.restore();
  }

  // The passages linked to no thesis stand apart, under a heading drawn on the map.
  function drawLooseHeading(ctx, at) {
    if (focus !== null || !at) return;
    ctx.save();
    ctx.font = "600 17px " + FONT;
    ctx.fillStyle = "#5b636d";
    ctx.textBaseline = "bottom";
    ctx.fillText("Not linked to the thesis", at[0], at[1] - 14);
    ctx.restore();
  }

  function makeNetwork(target, v, nodeSet, edgeSet) {
    var net = new vis.Network(target, { nodes: nodeSet, edges: edgeSet }, v.options);
    var elbows = v.edges.filter(function (e) { return e.route === "stack" || e.route === "side"; });
    var up = v.edges.filter(function (e) { return e.route === "top"; });
    net.on("beforeDrawing", function (ctx) {
      if (elbows.length) drawElbows(net, ctx, elbows);
      if (up.length) drawBus(net, ctx, up);
      if (v.items) drawLooseHeading(ctx, looseAt);
    });
    net.on("afterDrawing", function (ctx) { if (v.items) drawBadges(net, ctx); });
    return net;
  }

  // --- Folding (argument view): a block under the thesis folds to its top component, with a
  // badge saying what it holds, and the rows wrap again, as layout.py does (`pack`,
  // `row_width`), so a folded map is as compact as the unfolded one is readable. ---
  var WRAP = data.views.argument.wrap;
  var BADGE = 34;  // the height a folded block's badge adds under its top component
  var items = [], itemById = new Map(), rootOf = new Map(), folded = new Set();
  var laidOut = new Map();  // where each node stands with every block unfolded
  var home = new Map();     // where each node stands now, folded as it is
  var wrapWidth = WRAP.width, looseAt = null;
  var foldButton = document.getElementById("fold-all");
  // Take the argument view's blocks and positions (from page.py, or laid out again after a
  // correction); folded blocks that are still blocks stay folded.
  function takeArgumentView() {
    var v = data.views.argument;
    WRAP = v.wrap;
    items = v.items.map(function (t) {
      return { id: t[0], w: t[1], h: t[2], nh: t[3], section: t[4], members: t[5], thesis: t[6] };
    });
    itemById = new Map(); rootOf = new Map();
    items.forEach(function (it) {
      itemById.set(it.id, it);
      it.members.forEach(function (x) { rootOf.set(x, it.id); });
    });
    folded = new Set(Array.from(folded).filter(function (id) { return foldable(id); }));
    laidOut = new Map();
    v.nodes.forEach(function (n) { laidOut.set(n.id, { x: n.x, y: n.y }); });
    home = new Map(laidOut);
    wrapWidth = WRAP.width;
    looseAt = v.loose;
  }

  function foldedAway(id) { var r = rootOf.get(id); return r !== undefined && folded.has(r); }
  function foldable(id) { return itemById.has(id) && itemById.get(id).members.length > 0; }
  function itemSize(it, fold) { return fold.has(it.id) ? [WRAP.nodeWidth, it.nh + BADGE] : [it.w, it.h]; }
  function sectionsOf(its) {
    var out = [[], []];
    its.forEach(function (it) { out[it.section].push(it); });
    return out;
  }
  function pack(widths, width) {
    var rows = [], right = 0;
    widths.forEach(function (w, i) {
      if (rows.length && right + WRAP.blockGap + w <= width) { rows[rows.length - 1].push(i); right += WRAP.blockGap + w; }
      else { rows.push([i]); right = w; }
    });
    return rows;
  }
  function widthsOf(sec, fold) { return sec.map(function (it) { return itemSize(it, fold)[0]; }); }
  function shape(secs, width, fold, top) {
    var tw = 0, th = top, n = 0;
    secs.forEach(function (sec) {
      if (!sec.length) return;
      if (n++) th += WRAP.looseGap - WRAP.wrapGap;
      pack(widthsOf(sec, fold), width).forEach(function (row) {
        var w = -WRAP.blockGap, h = 0;
        row.forEach(function (i) { var s = itemSize(sec[i], fold); w += WRAP.blockGap + s[0]; h = Math.max(h, s[1]); });
        tw = Math.max(tw, w);
        th += h + WRAP.wrapGap;
      });
    });
    return tw / Math.max(th - WRAP.wrapGap, 1);
  }
  function rowWidth(its, fold, top, aspect) {
    var secs = sectionsOf(its), all = [];
    secs.forEach(function (sec) { all = all.concat(widthsOf(sec, fold)); });
    if (!all.length) return WRAP.nodeWidth;
    var least = Math.max.apply(null, all), ends = new Set([least]);
    secs.forEach(function (sec) {
      var right = -WRAP.blockGap;
      widthsOf(sec, fold).forEach(function (w) { right += WRAP.blockGap + w; if (right > least) ends.add(right); });
    });
    var cand = Array.from(ends).sort(function (a, b) { return a - b; }), lo = 0, hi = cand.length - 1;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (shape(secs, cand[mid], fold, top) >= aspect) hi = mid; else lo = mid + 1;
    }
    var off = function (w) { return Math.abs(Math.log(shape(secs, w, fold, top) / aspect)); };
    return lo && off(cand[lo - 1]) < off(cand[lo]) ? cand[lo - 1] : cand[lo];
  }
  // The top left corner of each block, in rows `width` wide under `top`, and of each thesis
  // (over the blocks that hang from it), as layout.arrange places them; and where the heading
  // of the blocks linked to no thesis stands.
  function placeBlocks(its, fold, width, top, theses) {
    var secs = sectionsOf(its), y = top, corner = new Map(), loose = null;
    secs.forEach(function (sec, k) {
      if (!sec.length) return;
      if (k === 1) { if (secs[0].length) y += WRAP.looseGap - WRAP.wrapGap; loose = [0, y]; }
      pack(widthsOf(sec, fold), width).forEach(function (row) {
        var x = 0, h = 0;
        row.forEach(function (i) {
          var s = itemSize(sec[i], fold);
          corner.set(sec[i].id, [x, y]);
          x += s[0] + WRAP.blockGap;
          h = Math.max(h, s[1]);
        });
        y += h + WRAP.wrapGap;
      });
    });
    var right = WRAP.nodeWidth, placed = -WRAP.blockGap;
    secs[0].forEach(function (it) { right = Math.max(right, corner.get(it.id)[0] + itemSize(it, fold)[0]); });
    theses.forEach(function (t, i) {
      var kids = secs[0].filter(function (it) { return it.thesis === t.id; }).map(function (it) { return corner.get(it.id)[0]; });
      var centre = kids.length ? (Math.min.apply(null, kids) + Math.max.apply(null, kids)) / 2 + WRAP.nodeWidth / 2 : right / 2;
      if (!kids.length && theses.length > 1) centre = (i + 0.5) * (WRAP.nodeWidth + WRAP.blockGap);
      var left = Math.max(Math.round(centre - WRAP.nodeWidth / 2), placed + WRAP.blockGap);
      corner.set(t.id, [left, t.top]);
      placed = left + WRAP.nodeWidth;
    });
    return { corner: corner, loose: loose };
  }
  // Place every block again, folded as it is, in rows `wrapWidth` wide; the theses over them.
  function relayout() {
    if (!folded.size && wrapWidth === WRAP.width) {
      home = new Map(laidOut);
      looseAt = data.views.argument.loose;
    } else {
      var theses = data.views.argument.nodes.filter(function (n) { return n.kind === "thesis"; }).map(function (n) {
        return { id: n.id, top: 0 };
      });
      var placed = placeBlocks(items, folded, wrapWidth, WRAP.top, theses);
      looseAt = placed.loose;
      home = new Map(laidOut);
      items.forEach(function (it) {
        var c = placed.corner.get(it.id), was = laidOut.get(it.id);
        var at = { x: c[0] + Math.floor(WRAP.nodeWidth / 2), y: c[1] + Math.floor(it.nh / 2) };
        home.set(it.id, at);
        it.members.forEach(function (x) {
          var p = laidOut.get(x);
          home.set(x, { x: at.x + p.x - was.x, y: at.y + p.y - was.y });
        });
      });
      theses.forEach(function (t) {
        home.set(t.id, { x: placed.corner.get(t.id)[0] + Math.floor(WRAP.nodeWidth / 2), y: laidOut.get(t.id).y });
      });
    }
    if (view !== "argument" || focus !== null) return;
    nodes.update(Array.from(home.entries()).map(function (kv) { return { id: kv[0], x: kv[1].x, y: kv[1].y }; }));
    applyFilter();
    updateFoldButton();
  }
  // Fold or unfold one block, keeping its top component where it is on the screen.
  function setFolded(id, on) {
    if (!foldable(id) || folded.has(id) === on) return;
    var before = network.canvasToDOM(home.get(id));
    if (on) folded.add(id); else folded.delete(id);
    if (on && selected !== null && rootOf.get(selected) === id) select(id, "graph");
    relayout();
    var after = network.canvasToDOM(home.get(id)), scale = network.getScale(), at = network.getViewPosition();
    network.moveTo({ position: { x: at.x + (after.x - before.x) / scale, y: at.y + (after.y - before.y) / scale }, scale: scale });
    if (selected !== null) showDetails(selected);
  }
  // Fold (or unfold) every block, the rows wrapped to the pane's shape.
  function foldAll(on) {
    folded = new Set(on ? items.filter(function (it) { return it.members.length; }).map(function (it) { return it.id; }) : []);
    var aspect = Math.max(0.5, container.clientWidth / Math.max(container.clientHeight, 1));
    wrapWidth = on ? rowWidth(items, folded, WRAP.top, aspect) : WRAP.width;
    relayout();
  }
  function updateFoldButton() {
    if (!foldButton) return;
    var any = items.some(function (it) { return it.members.length; });
    foldButton.hidden = view !== "argument" || focus !== null || !any;
    foldButton.textContent = folded.size ? "Unfold all" : "Fold all";
    foldButton.title = folded.size
      ? "Show every block with what supports and attacks it"
      : "Show only the thesis and the points under it; click a badge to unfold one";
  }
  if (foldButton) foldButton.addEventListener("click", function () {
    foldAll(folded.size === 0);
    network.fit({ animation: false });
    if (network.getScale() > 1) network.moveTo({ scale: 1 });
  });
  takeArgumentView();

  function showView(name, keepView) {
    if (!data.views[name] || name === view) return;
    if (network !== null) { clearSelection(); endFocus(true); network.destroy(); }
    view = name;
    var v = data.views[name];
    nodes = new vis.DataSet(v.nodes);
    edges = new vis.DataSet(v.edges);
    network = makeNetwork(container, v, nodes, edges);
    network.once("afterDrawing", function () {
      if (timing.drawn === null) timing.drawn = performance.now();
      if (!keepView) readableView();
      if (timing.ready === null) timing.ready = performance.now();
    });
    var marking = null;
    network.on("afterDrawing", function () {
      if (marking === null) marking = setTimeout(function () { marking = null; updateMarks(); }, 60);
    });
    network.once("stabilized", function () { if (timing.stabilized === null) timing.stabilized = performance.now(); });
    network.on("click", function (p) {
      var at = p.pointer.canvas, badge = badges.find(function (b) { return at.x >= b[0] && at.x <= b[2] && at.y >= b[1] && at.y <= b[3]; });
      if (badge) setFolded(badge[4], false);
      else if (p.nodes.length) select(p.nodes[0], "graph");
      else if (!p.edges.length) clearSelection();
    });
    network.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0]); });
    document.body.classList.toggle("view-argument", name === "argument");
    document.body.classList.toggle("view-causal", name === "causal");
    sizeLayout();  // the header's counts line changes with the view
    updateFoldButton();
    document.querySelectorAll(".view-button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.view === name ? "true" : "false");
    });
    // In the causal view, only the passages that are causes or effects stay marked in the essay.
    spanById.forEach(function (span, id) { span.classList.toggle("offview", nodes.get(id) === null); });
    essayKeys.reset();
    applyFilter();
    if (searchBox.value) search(searchBox.value);
  }

  // Every label drawn at 10 CSS px or more: the smallest text on the map is 13 px.
  var LEGIBLE = 10 / 13;
  // The graph's box (shown nodes and badges), in graph pixels.
  function shownBox() {
    var box = null;
    nodes.forEach(function (n) {
      if (n.hidden) return;
      var b = network.getBoundingBox(n.id);
      if (!b) return;
      var bottom = b.bottom + (folded.has(n.id) && view === "argument" && focus === null ? BADGE : 0);
      if (box === null) box = { left: b.left, top: b.top, right: b.right, bottom: bottom };
      else {
        box.left = Math.min(box.left, b.left); box.top = Math.min(box.top, b.top);
        box.right = Math.max(box.right, b.right); box.bottom = Math.max(box.bottom, bottom);
      }
    });
    return box;
  }
  var MARGIN = 24;
  function fitScale(box) {
    return Math.min((container.clientWidth - 2 * MARGIN) / Math.max(box.right - box.left, 1),
                    (container.clientHeight - 2 * MARGIN) / Math.max(box.bottom - box.top, 1));
  }
  // The first view: the whole map when it is legible so; else (argument view) the blocks
  // folded to their top components, wrapped to the pane's shape, whole if that is legible;
  // else a legible part: the top, with the thesis in the middle (the "more" marks at the edges
  // say how much lies beyond). The causal view opens on its first chain at the top left.
  function readableView() {
    var box = shownBox();
    if (box === null) return;
    if (fitScale(box) < LEGIBLE && view === "argument" && focus === null && items.some(function (it) { return it.members.length; })) {
      foldAll(true);
      box = shownBox();
    }
    var fit = fitScale(box);
    if (fit >= LEGIBLE) {
      var s = Math.min(fit, 1);
      network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: s });
      updateMarks();
      return;
    }
    var scale = 0.85, cw = container.clientWidth, ch = container.clientHeight;
    var x = box.left - MARGIN / scale + cw / 2 / scale;
    var thesis = view === "argument" ? nodes.get().find(function (n) { return n.kind === "thesis" && !n.hidden; }) : null;
    if (thesis) {
      // The thesis in the middle, the left edge moved to the nearest block's left edge (or
      // the map's) from which the thesis is still in view: no block cut at the left.
      var tb = network.getBoundingBox(thesis.id), vw = cw / scale, want = home.get(thesis.id).x - vw / 2;
      var best = null, lefts = [box.left];
      items.forEach(function (it) { if (!nodes.get(it.id).hidden) lefts.push(network.getBoundingBox(it.id).left); });
      lefts.forEach(function (l) {
        l -= MARGIN / scale;
        if (l <= tb.left && l + vw >= tb.right && (best === null || Math.abs(l - want) < Math.abs(best - want))) best = l;
      });
      x = (best === null ? want : best) + vw / 2;
    }
    network.moveTo({ position: { x: x, y: box.top - 56 / scale + ch / 2 / scale }, scale: scale });
    updateMarks();
  }

  // Marks at the pane's edges when part of the graph lies beyond them: how many components,
  // and a click moves the view that way.
  var marks = Array.from(document.querySelectorAll(".more"));
  function updateMarks() {
    var counts = { left: 0, right: 0, up: 0, down: 0 };
    if (network !== null) {
      var w = container.clientWidth, h = container.clientHeight;
      nodes.forEach(function (n) {
        if (n.hidden) return;
        var b = network.getBoundingBox(n.id);
        if (!b) return;
        var a = network.canvasToDOM({ x: b.left, y: b.top }), z = network.canvasToDOM({ x: b.right, y: b.bottom });
        if (z.x <= 0) counts.left++; else if (a.x >= w) counts.right++;
        else if (z.y <= 0) counts.up++; else if (a.y >= h) counts.down++;
      });
    }
    var arrows = { left: "\u2190", right: "\u2192", up: "\u2191", down: "\u2193" };
    marks.forEach(function (b) {
      var n = counts[b.dataset.dir];
      b.hidden = n === 0;
      var words = n + " more " + (n === 1 ? "component" : "components");
      b.textContent = b.dataset.dir === "left" || b.dataset.dir === "up" ? arrows[b.dataset.dir] + " " + words : words + " " + arrows[b.dataset.dir];
      b.title = words + " this way: click to move there (or drag the map)";
    });
  }
  marks.forEach(function (b) {
    b.addEventListener("click", function () {
      var scale = network.getScale(), at = network.getViewPosition(), d = b.dataset.dir;
      var dx = d === "left" ? -1 : d === "right" ? 1 : 0, dy = d === "up" ? -1 : d === "down" ? 1 : 0;
      network.moveTo({ position: { x: at.x + dx * 0.8 * container.clientWidth / scale, y: at.y + dy * 0.8 * container.clientHeight / scale }, scale: scale, animation: { duration: 250, easingFunction: "easeInOutQuad" } });
    });
  });

  // How sure argmap is of a role, in words (page.sureness, the same thresholds).
  function sureness(conf) {
    for (var i = 0; i < SURENESS.length; i++) if (conf >= SURENESS[i][0]) return SURENESS[i][1];
    return SURENESS[SURENESS.length - 1][1];
  }

  function showDetails(id) {
    var c = byId.get(id);
    details.replaceChildren();
    var head = el("div");
    head.appendChild(el("span", "role", c.kind));
    var sure = sureness(Number(c.confidence));
    var more = " \u00b7 " + (c.evidence_type ? c.evidence_type + " \u00b7 " : "");
    head.appendChild(el("span", "facts", more));
    head.appendChild(el("span", sure.indexOf("check") >= 0 ? "facts check" : "facts", sure));
    head.appendChild(el("span", "facts", " (confidence " + Number(c.confidence).toFixed(2) + ")"));
    details.appendChild(head);
    details.appendChild(el("p", "text", c.text));
    if (c.kind === "evidence" && data.quality[id]) details.appendChild(el("p", "why", "Evidence quality: " + data.quality[id] + "."));
    if (c.why && c.why.length) details.appendChild(el("p", "why", "Why " + c.kind + ": it " + c.why.join("; it ") + "."));
    var list = el("ul");
    (notesById.get(id) || []).forEach(function (f) { list.appendChild(el("li", "warn", "\u26a0 " + f.message)); });
    map.relations.forEach(function (r) {
      if (view === "causal" && r.kind !== "causes") return;
      if (r.source !== id && r.target !== id) return;
      var li = el("li", null, r.source === id ? r.kind + " \u2192 " + label(r.target) + cue(r) : label(r.source) + " \u2192 " + r.kind + " this" + cue(r));
      if (view === "argument" && editOpen) linkButtons(li, r);
      list.appendChild(li);
    });
    if (list.childNodes.length) details.appendChild(list);
    var actions = el("div", "actions");
    if (nodes.get(id) !== null && (focus === null || focus.id !== id)) {
      var b = el("button", "details-focus", "Focus on this");
      b.type = "button";
      b.title = "Show only this component and what it is linked to";
      b.addEventListener("click", function () { focusOn(id); });
      actions.appendChild(b);
    }
    if (view === "argument" && focus === null && foldable(id)) {
      var n = itemById.get(id).members.length, f = el("button", "details-fold", (folded.has(id) ? "Unfold" : "Fold") + " what hangs from it (" + n + ")");
      f.type = "button";
      f.setAttribute("aria-expanded", folded.has(id) ? "false" : "true");
      f.addEventListener("click", function () { setFolded(id, !folded.has(id)); });
      actions.appendChild(f);
    }
    if (focus !== null) {
      var all = el("button", "details-all", "Show all");
      all.type = "button";
      all.addEventListener("click", function () { endFocus(); });
      actions.appendChild(all);
    }
    if (view === "argument") {
      var fix = el("button", "details-edit", editOpen ? "Done correcting" : "Correct\u2026");
      fix.type = "button";
      fix.title = "Change this passage's role or its links";
      fix.setAttribute("aria-expanded", editOpen ? "true" : "false");
      fix.addEventListener("click", function () { editOpen = !editOpen; showDetails(id); details.querySelector(".details-edit").focus(); });
      actions.appendChild(fix);
    }
    if (actions.childNodes.length) details.appendChild(actions);
    if (view === "argument" && editOpen) details.appendChild(editControls(id));
    details.hidden = false;
  }

  function markActive(id, on) {
    var span = spanById.get(id);
    if (span) span.classList.toggle("active", on);
    outlineItems.forEach(function (b) { if (b.dataset.id === id) b.classList.toggle("active", on); });
  }

  function clearSelection() {
    if (selected !== null) markActive(selected, false);
    selected = null;
    details.hidden = true;
    if (network) network.unselectAll();
  }

  // Select a component everywhere: node, essay span, outline, details.
  // `from` is "graph", "text", "list" or "outline".
  function select(id, from) {
    if (!byId.has(id)) return false;
    if (focus !== null && !focus.set.has(id)) endFocus(true);
    if (view === "argument" && focus === null && foldedAway(id)) setFolded(rootOf.get(id), false);
    if (selected !== null) markActive(selected, false);
    selected = id;
    markActive(id, true);
    var span = spanById.get(id);
    if (span) {
      if (!span.classList.contains("offview")) essayKeys.setCurrent(span);
      if (from !== "text") span.scrollIntoView({ block: "center", inline: "nearest" });
    }
    var node = nodes.get(id);
    showDetails(id);
    if (node && nodeShown(id)) {
      network.selectNodes([id]);
      if (from !== "graph" && from !== "outline") {
        network.once("animationFinished", function () { keepClearOfDetails(id); });
        network.focus(id, { scale: Math.max(network.getScale(), 0.85), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
      } else {
        keepClearOfDetails(id);
      }
    } else {
      network.unselectAll();
    }
    return true;
  }

  // The details panel stands over the graph's top left: move the view so that it never hides
  // the selected node (to its right when the pane is wide enough, else below it).
  function keepClearOfDetails(id) {
    if (details.hidden || selected !== id || !nodeShown(id)) return;
    var box = network.getBoundingBox(id);
    var a = network.canvasToDOM({ x: box.left, y: box.top });
    var b = network.canvasToDOM({ x: box.right, y: box.bottom });
    var pane = document.getElementById("network").getBoundingClientRect();
    var d = details.getBoundingClientRect();
    var left = d.left - pane.left, right = d.right - pane.left, top = d.top - pane.top, bottom = d.bottom - pane.top;
    if (b.x < left || a.x > right || b.y < top || a.y > bottom) return;  // no overlap
    var gap = 16, dx = 0, dy = 0;
    if (right + gap + (b.x - a.x) <= pane.width) dx = right + gap - a.x;
    else dy = bottom + gap - a.y;
    var scale = network.getScale(), at = network.getViewPosition();
    network.moveTo({ position: { x: at.x - dx / scale, y: at.y - dy / scale }, scale: scale });
  }

  essay.addEventListener("click", function (ev) {
    var span = ev.target.closest(".unit");
    if (span && !span.classList.contains("offview")) select(span.dataset.id, "text");
  });

  // --- Focus: one component with what it is linked to, laid out around it; "Show all" undoes. ---
  function focusOn(id) {
    if (!nodes || nodes.get(id) === null) return false;
    if (!nodeShown(id)) { endFocus(true); if (!nodeShown(id)) return false; }
    var above = [], below = [];  // argument view: what it backs above, what backs it below
    var v = data.views[view];
    v.edges.forEach(function (e) {
      if (e.from === id && e.to !== id && above.indexOf(e.to) < 0) above.push(e.to);
    });
    v.edges.forEach(function (e) {
      if (e.to === id && e.from !== id && above.indexOf(e.from) < 0 && below.indexOf(e.from) < 0) below.push(e.from);
    });
    function keep(x) { return !hiddenKinds.has(byId.get(x).kind); }
    above = above.filter(keep).sort(byOrder);
    below = below.filter(keep).sort(byOrder);
    if (focus === null) saved = { position: network.getViewPosition(), scale: network.getScale() };
    focus = { id: id, set: new Set([id].concat(above, below)) };
    var size = {};
    focus.set.forEach(function (x) {
      var sh = shapeOf(network, x);
      size[x] = sh ? { w: sh.width, h: sh.height } : { w: 220, h: 80 };
    });
    var moves = [{ id: id, x: 0, y: 0 }];
    function tallest(list) { return list.reduce(function (m, x) { return Math.max(m, size[x].h); }, 0); }
    function widest(list) { return list.reduce(function (m, x) { return Math.max(m, size[x].w); }, 0); }
    function line(list, along, across) {
      // Lay `list` out in a line centred on 0 (`along` is "x" or "y"), at `across` on the other axis.
      var gap = along === "x" ? 40 : 26, total = 0;
      list.forEach(function (x) { total += (along === "x" ? size[x].w : size[x].h) + gap; });
      var at = -(total - gap) / 2;
      list.forEach(function (x) {
        var len = along === "x" ? size[x].w : size[x].h;
        var m = { id: x };
        m[along] = at + len / 2;
        m[along === "x" ? "y" : "x"] = across;
        moves.push(m);
        at += len + gap;
      });
    }
    if (view === "causal") {  // causes on the left, effects on the right
      var colGap = 170, w = size[id].w / 2;
      line(below, "y", -(w + colGap + widest(below) / 2));
      line(above, "y", w + colGap + widest(above) / 2);
    } else {
      var rowGap = 110, h = size[id].h / 2;
      line(above, "x", -(h + rowGap + tallest(above) / 2));
      line(below, "x", h + rowGap + tallest(below) / 2);
    }
    nodes.update(moves);
    var dir = view === "causal" ? "horizontal" : "vertical";
    edges.update(v.edges.map(function (e) {
      var touches = e.from === id || e.to === id;
      return { id: e.id, smooth: touches
        ? { enabled: true, type: "cubicBezier", forceDirection: dir, roundness: 0.5 }
        : { enabled: true, type: "curvedCW", roundness: 0.3 } };
    }));
    applyFilter();
    showAllButton.hidden = false;
    updateFoldButton();
    hint.textContent = "Showing " + label(id) + " and what it is linked to \u00b7 Show all brings back the whole map";
    if (selected !== id) select(id, "graph"); else showDetails(id);
    network.fit({ nodes: Array.from(focus.set), animation: false });
    if (network.getScale() > 1) network.moveTo({ scale: 1 });
    return true;
  }

  function endFocus(quiet) {
    if (focus === null) return;
    var v = data.views[view];
    focus = null;
    nodes.update(v.nodes.map(function (n) {
      var at = view === "argument" ? home.get(n.id) : n;
      return { id: n.id, x: at.x, y: at.y };
    }));
    edges.update(v.edges.map(function (e) { return { id: e.id, smooth: e.smooth || v.options.edges.smooth }; }));
    applyFilter();
    showAllButton.hidden = true;
    updateFoldButton();
    hint.textContent = hintText;
    if (quiet) return;
    if (saved) network.moveTo({ position: saved.position, scale: saved.scale });
    if (selected !== null) showDetails(selected);
  }
  showAllButton.addEventListener("click", function () { endFocus(); });

  // --- Findings panel: findings grouped by kind (a kind found more than once is one expandable
  // group with its count), filterable by severity; one button per finding (arrow keys move). ---
  var findingList = document.getElementById("findings");
  if (!data.findings.length) findingList.appendChild(el("li", "none", "No findings: nothing to flag."));
  function findingRow(f, message) {
    var linked = f.component !== null && byId.has(f.component);
    var row = el(linked ? "button" : "div", "finding");
    row.tabIndex = -1;
    row.title = f.code;
    if (message !== null) {
      row.appendChild(el("span", "sev sev-" + f.severity, f.severity));
    }
    var msg = el("span", "finding-msg", message === null ? "" : message);
    row.appendChild(msg);
    if (linked) {
      row.type = "button";
      row.dataset.id = f.component;
      msg.appendChild(el("span", "finding-about", label(f.component)));
      row.appendChild(el("span", "finding-go", "show"));
      row.addEventListener("click", function () { select(f.component, "list"); });
    } else {
      msg.appendChild(el("span", "finding-about", "about the whole essay"));
    }
    return row;
  }
  var groups = new Map();  // code -> findings, in the panel's order (most serious first)
  data.findings.forEach(function (f) {
    if (!groups.has(f.code)) groups.set(f.code, []);
    groups.get(f.code).push(f);
  });
  var severityCounts = { error: 0, warning: 0, info: 0 };
  groups.forEach(function (list, code) {
    var li = el("li");
    li.dataset.severity = list[0].severity;
    severityCounts[list[0].severity] += list.length;
    if (list.length === 1) {
      li.appendChild(findingRow(list[0], list[0].message));
    } else {
      var box = el("details", "finding-group");
      var head = el("summary");
      head.appendChild(el("span", "sev sev-" + list[0].severity, list[0].severity));
      head.appendChild(el("span", "finding-msg", list[0].message));
      head.appendChild(el("span", "finding-count", "\u00d7 " + list.length));
      head.title = code + ": " + list.length + " passages";
      box.appendChild(head);
      var inner = el("ul");
      list.forEach(function (f) {
        var item = el("li");
        item.appendChild(findingRow(f, f.message === list[0].message ? null : f.message));
        inner.appendChild(item);
      });
      box.appendChild(inner);
      li.appendChild(box);
    }
    findingList.appendChild(li);
  });
  var severityBar = document.getElementById("finding-severities");
  ["error", "warning", "info"].forEach(function (sev) {
    if (!severityCounts[sev]) return;
    var lab = el("label", "sev-filter");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      findingList.querySelectorAll(":scope > li[data-severity='" + sev + "']").forEach(function (li) {
        li.hidden = !box.checked;
      });
    });
    lab.appendChild(box);
    var words = sev === "info" || severityCounts[sev] === 1 ? sev : sev + "s";
    lab.appendChild(document.createTextNode(" " + words + " " + severityCounts[sev]));
    severityBar.appendChild(lab);
  });
  // Only the findings on show take part (a closed group or a severity switched off hides some).
  function findingShown(x) { return !x.closest("details:not([open]), li[hidden]"); }
  roving(findingList, ".finding", findingShown).reset();

  // --- Resizable panes: drag a splitter, or focus it and use the arrow keys. ---
  var layoutEl = document.querySelector("main.layout");
  var sidePane = document.querySelector(".side");
  var findingsPane = document.querySelector(".findings-pane");
  function sideWidth(px) {
    var room = layoutEl.getBoundingClientRect().width;
    px = Math.max(260, Math.min(room - 320, px));
    layoutEl.style.setProperty("--side-width", Math.round(px) + "px");
    if (network) network.redraw();
  }
  function findingsHeight(px) {
    var room = sidePane.getBoundingClientRect().height;
    px = Math.max(70, Math.min(room - 120, px));
    document.body.classList.add("findings-sized");
    document.body.style.setProperty("--findings-height", Math.round(px) + "px");
  }
  function splitter(elId, measure, apply, axis) {
    var bar = document.getElementById(elId);
    bar.addEventListener("pointerdown", function (ev) {
      ev.preventDefault();
      bar.setPointerCapture(ev.pointerId);
      bar.classList.add("dragging");
      var start = axis === "x" ? ev.clientX : ev.clientY, size = measure();
      function move(e) { apply(size + ((axis === "x" ? e.clientX : e.clientY) - start) * (axis === "x" ? -1 : 1)); }
      function up() {
        bar.classList.remove("dragging");
        bar.removeEventListener("pointermove", move);
        bar.removeEventListener("pointerup", up);
      }
      bar.addEventListener("pointermove", move);
      bar.addEventListener("pointerup", up);
    });
    bar.addEventListener("keydown", function (ev) {
      var step = ev.shiftKey ? 80 : 24, keys = axis === "x" ? ["ArrowLeft", "ArrowRight"] : ["ArrowDown", "ArrowUp"];
      var i = keys.indexOf(ev.key);
      if (i < 0) return;
      ev.preventDefault();
      apply(measure() + (i === 0 ? step : -step));
    });
  }
  splitter("split-side", function () { return sidePane.getBoundingClientRect().width; }, sideWidth, "x");
  splitter("split-findings", function () { return findingsPane.getBoundingClientRect().height; }, findingsHeight, "y");

  // --- Outline: the argument as nested lists, and the causal chains, for reading and keyboards. ---
  var outline = document.getElementById("outline");
  var outlineToggle = document.getElementById("outline-toggle");
  var outlineItems = [];
  function outlineButton(id, via) {
    var c = byId.get(id);
    var b = el("button", "o-item");
    b.type = "button";
    b.dataset.id = id;
    b.tabIndex = -1;
    var role = el("span", "o-role k-" + c.kind, c.kind);
    b.appendChild(role);
    if (via !== null && via !== undefined) {
      var r = map.relations[via];
      b.appendChild(el("span", "o-rel", r.kind + cue(r) + ":"));
    }
    b.appendChild(document.createTextNode(c.text.replace(/\s+/g, " ").trim()));
    (notesById.get(id) || []).forEach(function (f) { b.appendChild(el("span", "o-warn", "\u26a0 " + f.message)); });
    b.addEventListener("click", function () { select(id, "outline"); });
    outlineItems.push(b);
    return b;
  }
  function buildOutline() {
    var tree = document.getElementById("outline-tree"), causes = document.getElementById("outline-causes");
    tree.replaceChildren();
    causes.replaceChildren();
    outlineItems = [];
    if (!data.outline.length) tree.appendChild(el("p", "outline-help", "No argument components found in this text."));
    var stack = [], looseShown = false;
    data.outline.forEach(function (entry) {
      var id = entry[0], via = entry[1], depth = entry[2];
      if (depth === 0 && byId.get(id).kind !== "thesis" && !looseShown) {
        looseShown = true;
        stack = [];
        tree.appendChild(el("h3", null, "Not linked to a thesis"));
      }
      while (stack.length > depth + 1) stack.pop();
      if (stack.length === depth) {
        var list = el("ul");
        if (depth === 0) tree.appendChild(list); else stack[depth - 1].lastChild.appendChild(list);
        stack.push(list);
      }
      var li = el("li");
      li.appendChild(outlineButton(id, via));
      stack[depth].appendChild(li);
    });
    if (data.chains.length) {
      causes.appendChild(el("h3", null, "Causes and effects"));
      var chains = el("ol");
      data.chains.forEach(function (chain, n) {
        var li = el("li");
        li.appendChild(el("span", "o-rel", "Chain " + (n + 1) + ":"));
        var links = el("ul");
        chain.forEach(function (i) {
          var r = map.relations[i], item = el("li");
          item.appendChild(outlineButton(r.source, null));
          item.appendChild(el("span", "o-arrow", "\u2192 leads to" + cue(r) + " \u2192"));
          item.appendChild(outlineButton(r.target, null));
          links.appendChild(item);
        });
        li.appendChild(links);
        chains.appendChild(li);
      });
      causes.appendChild(chains);
    }
    outlineKeys.reset();
  }
  var outlineKeys = roving(outline, ".o-item", function () { return true; });
  buildOutline();
  function showOutline(on) {
    var was = !outline.hidden;
    outline.hidden = !on;
    document.body.classList.toggle("outline-open", on);
    outlineToggle.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) outline.focus();
    else if (was && selected !== null && nodes.get(selected) !== null && nodeShown(selected)) {
      network.focus(selected, { scale: Math.max(network.getScale(), 0.85) });  // what was chosen there
    }
  }
  outlineToggle.addEventListener("click", function () { showOutline(outline.hidden); });

  // --- Filters: roles and kinds of link; a focused neighbourhood hides the rest. ---
  function applyFilter() {
    var nodeUpdates = [], edgeUpdates = [];
    map.components.forEach(function (c) {
      var show = nodeShown(c.id);
      if (nodes.get(c.id) !== null) nodeUpdates.push({ id: c.id, hidden: !show });
      var span = spanById.get(c.id);  // a folded passage stays plain in the essay
      if (span) span.classList.toggle("muted", !show && !(focus === null && foldedAway(c.id) && !hiddenKinds.has(c.kind)));
    });
    nodes.update(nodeUpdates);
    edges.forEach(function (e) {
      var drawn = e.route !== undefined && e.route !== "free";  // drawn by the page, unfocused
      edgeUpdates.push({ id: e.id, hidden: !edgeShown(e) || (drawn && focus === null) });
    });
    edges.update(edgeUpdates);
    if (selected !== null && !nodeShown(selected)) clearSelection();
    network.redraw();
  }
  function setRoleVisible(kind, visible) {
    if (visible) hiddenKinds.delete(kind); else hiddenKinds.add(kind);
    document.querySelectorAll(".role-filter").forEach(function (box) {
      if (box.dataset.kind === kind) box.checked = visible;
    });
    applyFilter();
  }
  function setLinkVisible(kind, visible) {
    if (visible) hiddenLinks.delete(kind); else hiddenLinks.add(kind);
    document.querySelectorAll(".link-filter").forEach(function (box) {
      if (box.dataset.kind === kind) box.checked = visible;
    });
    applyFilter();
  }
  document.querySelectorAll(".role-filter").forEach(function (box) {
    box.addEventListener("change", function () { setRoleVisible(box.dataset.kind, box.checked); });
  });
  document.querySelectorAll(".link-filter").forEach(function (box) {
    box.addEventListener("change", function () { setLinkVisible(box.dataset.kind, box.checked); });
  });
  function shownEdges() {
    return edges.get({ filter: edgeShown }).map(function (e) { return e.id; });
  }

  // --- Search. ---
  var searchBox = document.getElementById("search");
  var searchStatus = document.getElementById("search-status");
  var matches = [];
  function search(query) {
    var q = String(query).trim().toLowerCase();
    spanById.forEach(function (s) { s.classList.remove("match"); });
    outlineItems.forEach(function (b) { b.classList.remove("match"); });
    matches = [];
    if (!q) { searchStatus.textContent = ""; network.unselectAll(); return matches; }
    endFocus(true);
    map.components.forEach(function (c) {
      if (nodeShown(c.id) && nodes.get(c.id) !== null && c.text.toLowerCase().indexOf(q) !== -1) matches.push(c.id);
    });
    var hit = new Set(matches);
    matches.forEach(function (id) { var s = spanById.get(id); if (s) s.classList.add("match"); });
    outlineItems.forEach(function (b) { if (hit.has(b.dataset.id)) b.classList.add("match"); });
    searchStatus.textContent = matches.length === 1 ? "1 match" : matches.length + " matches";
    network.selectNodes(matches);
    if (matches.length) {
      network.fit({ nodes: matches, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      var first = spanById.get(matches[0]);
      if (first) first.scrollIntoView({ block: "center" });
    }
    return matches;
  }
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) select(matches[0], "list");
    if (ev.key === "Escape") { searchBox.value = ""; search(""); }
  });

  // --- Corrections in the page: change a role; add, remove or reverse a link; undo and redo.
  // Each correction is an operation on the map argmap made; the list is kept in this browser
  // (localStorage, under the map's hash) and the corrected map downloads as JSON, which
  // `argmap render` turns into a page with the findings computed again. The argument view and
  // the outline are laid out again here as layout.py does (argument_tree, arrange,
  // page_outline, causal_chains); the causal view keeps the map as argmap made it. ---
  var EDIT = data.edit;
  var original = { components: map.components, relations: map.relations };
  var ops = [], undone = [];
  var STORE = "argmap-corrections:" + EDIT.hash;
  var editBar = document.getElementById("edit-bar");
  var editOpen = false;  // the details panel shows the corrections (once opened, for every node)
  function sameLink(a) {
    return function (r) { return r.source === a.source && r.target === a.target && r.kind === a.kind; };
  }
  function applyOps(list) {
    var comps = original.components.map(function (c) { return Object.assign({}, c); });
    var rels = original.relations.map(function (r) { return Object.assign({}, r); });
    var ids = new Set(comps.map(function (c) { return c.id; }));
    list.forEach(function (op) {
      if (op.op === "role") {
        comps.forEach(function (c) {
          if (c.id !== op.id || !EDIT.styles[op.kind]) return;
          c.kind = op.kind;
          c.confidence = 1;
          c.why = ["was set by hand"];
          if (op.kind !== "evidence") c.evidence_type = null;
        });
        return;
      }
      if (op.op === "merge") {
        var i = comps.findIndex(function (c) { return c.id === op.first; });
        var b = comps[i + 1];
        if (i < 0 || !b || b.id !== op.second) return;
        var a = comps[i];
        comps[i] = Object.assign({}, a, {
          text: slice(a.start, b.end), end: b.end, confidence: 1, why: ["was merged by hand"], provenance: null,
          concepts: Array.from(new Set((a.concepts || []).concat(b.concepts || [])))
        });
        comps.splice(i + 1, 1);
        ids.delete(b.id);
        var kept = [];
        rels.forEach(function (r) {
          var s2 = r.source === b.id ? a.id : r.source, t2 = r.target === b.id ? a.id : r.target;
          var r2 = Object.assign({}, r, { source: s2, target: t2 });
          if (s2 !== t2 && !kept.some(sameLink(r2))) kept.push(r2);
        });
        rels = kept;
        return;
      }
      if (op.op === "split") {
        var j = comps.findIndex(function (c) { return c.id === op.id; });
        var c = comps[j];
        if (j < 0 || !(c.start < op.at && op.at < c.end)) return;
        var head = slice(c.start, op.at).replace(/\s+$/, ""), tail = slice(op.at, c.end);
        if (!head.trim() || !tail.trim()) return;
        var n = 2;
        while (ids.has(c.id + "." + n)) n++;
        var second = Object.assign({}, c, {
          id: c.id + "." + n, text: tail, start: op.at, confidence: 1, why: ["was split by hand"],
          provenance: null, concepts: []
        });
        comps[j] = Object.assign({}, c, {
          text: head, end: c.start + Array.from(head).length, confidence: 1, why: ["was split by hand"], provenance: null
        });
        comps.splice(j + 1, 0, second);
        ids.add(second.id);
        return;
      }
      if (!ids.has(op.source) || !ids.has(op.target) || op.source === op.target || !EDIT.edges[op.kind]) return;
      if (op.op === "link") {
        if (!rels.some(sameLink(op))) rels.push({ source: op.source, target: op.target, kind: op.kind, signal: "", confidence: 1 });
      } else if (op.op === "unlink") {
        rels = rels.filter(function (r) { return !sameLink(op)(r); });
      } else if (op.op === "reverse") {
        var back = { source: op.target, target: op.source, kind: op.kind }, seen = rels.some(sameLink(back));
        rels = rels.filter(function (r) { return !(seen && sameLink(op)(r)); });
        rels.forEach(function (r) {
          if (!sameLink(op)(r)) return;
          r.source = op.target; r.target = op.source; r.signal = ""; r.confidence = 1;
        });
      }
    });
    return { components: comps, relations: rels };
  }

  // layout.py's node_label: the role, then the text wrapped to short lines, cut to a few.
  function shorten(text, limit) {
    if (text.length <= limit) return text;
    var cut = text.slice(0, limit - 1), space = cut.lastIndexOf(" ");
    if (space > Math.floor(limit / 2)) cut = cut.slice(0, space);
    return cut.replace(/[ ,;:.\-]+$/, "") + "\u2026";
  }
  function nodeLabel(c, flagged) {
    var width = EDIT.label.wrap, most = EDIT.label.lines, lines = [], line = "";
    c.text.replace(/\s+/g, " ").trim().split(" ").forEach(function (word) {
      while (word.length > width) {  // a word longer than a line is broken
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, width)); word = word.slice(width);
      }
      if (!word) return;
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line || !lines.length) lines.push(line);
    if (lines.length > most) lines = lines.slice(0, most - 1).concat([shorten(lines.slice(most - 1).join(" "), width)]);
    return [(flagged ? "\u26a0 " : "") + c.kind.toUpperCase()].concat(lines).join("\n");
  }
  // layout.py's argument_tree: each component hangs from its first supports or attacks link,
  // unless that would close a loop; theses stay on top.
  function argumentTree(m) {
    var kinds = new Map(), parent = new Map(), via = new Map();
    m.components.forEach(function (c) { kinds.set(c.id, c.kind); });
    m.relations.forEach(function (r, i) {
      if (r.kind === "causes" || parent.has(r.source) || kinds.get(r.source) === "thesis") return;
      var up = r.target;
      while (up !== undefined && up !== r.source) up = parent.get(up);
      if (up === undefined) { parent.set(r.source, r.target); via.set(r.source, i); }
    });
    var top = m.components.filter(function (c) { return c.kind === "thesis"; }).map(function (c) { return c.id; });
    var below = new Map(), beside = new Map(), row = [];
    m.components.forEach(function (c) { below.set(c.id, []); beside.set(c.id, []); });
    m.components.forEach(function (c) {
      if (c.kind === "thesis") return;
      var up = parent.get(c.id);
      if (up === undefined || top.indexOf(up) >= 0) row.push(c.id);
      else if (m.relations[via.get(c.id)].kind === "attacks") beside.get(up).push(c.id);
      else below.get(up).push(c.id);
    });
    return { top: top, row: row, below: below, beside: beside, via: via };
  }
  function route(tree, m, i) {
    var r = m.relations[i];
    if (tree.via.get(r.source) !== i) return "free";
    if (tree.top.indexOf(r.target) >= 0) return "top";
    return r.kind === "attacks" ? "side" : "stack";
  }
  function hangsFrom(tree, m, id, thesis) { return tree.via.has(id) && m.relations[tree.via.get(id)].target === thesis; }
  function preOrderFrom(tree, root) {
    var out = [], todo = [root];
    while (todo.length) {
      var id = todo.pop();
      out.push(id);
      todo = todo.concat(tree.below.get(id).concat(tree.beside.get(id)).reverse());
    }
    return out;
  }
  // The argument view of map `m`, as page.py builds it: nodes, edges, the blocks and their
  // positions, everything unfolded (layout.py's arrange, wrapped as layout.row_width does).
  function argumentView(m) {
    var tree = argumentTree(m), height = new Map(), labels = new Map(), flagged = new Set();
    m.components.forEach(function (c) {
      if (notesById.has(c.id)) flagged.add(c.id);
      labels.set(c.id, nodeLabel(c, flagged.has(c.id)));
      height.set(c.id, 20 + 15 * labels.get(c.id).split("\n").length);
    });
    var size = new Map(), offset = new Map();
    var roots = tree.top.concat(tree.row), post = [];
    roots.forEach(function (root) { post = post.concat(preOrderFrom(tree, root).reverse()); });
    post.forEach(function (id) {
      var width = WRAP.nodeWidth, bottom = height.get(id);
      tree.below.get(id).forEach(function (k) {
        bottom += WRAP.stackGap;
        offset.set(k, [WRAP.indent, bottom]);
        width = Math.max(width, WRAP.indent + size.get(k)[0]);
        bottom += size.get(k)[1];
      });
      var sideX = width + WRAP.sideGap, sideW = 0, sideY = 0;
      tree.beside.get(id).forEach(function (k) {
        offset.set(k, [sideX, sideY]);
        sideW = Math.max(sideW, size.get(k)[0]);
        sideY += size.get(k)[1] + WRAP.stackGap;
        bottom = Math.max(bottom, sideY - WRAP.stackGap);
      });
      size.set(id, [sideW ? sideX + sideW : width, bottom]);
    });
    var hanging = tree.row.filter(function (id) { return tree.top.some(function (t) { return hangsFrom(tree, m, id, t); }); });
    var loose = tree.top.length ? tree.row.filter(function (id) { return hanging.indexOf(id) < 0; }) : [];
    if (!tree.top.length) hanging = tree.row.slice();
    var topH = tree.top.reduce(function (a, t) { return Math.max(a, height.get(t)); }, 0);
    var rowY = tree.top.length ? topH + WRAP.rowGap : 0;
    var its = hanging.concat(loose).map(function (id) {
      return {
        id: id, w: size.get(id)[0], h: size.get(id)[1], nh: height.get(id), section: loose.indexOf(id) >= 0 ? 1 : 0,
        members: preOrderFrom(tree, id).slice(1),
        thesis: tree.top.find(function (t) { return hangsFrom(tree, m, id, t); }) || ""
      };
    });
    // Place the blocks (unfolded) as the page folds them, then everything inside them.
    var none = new Set(), width = rowWidth(its, none, rowY, WRAP.aspect);
    var theses = tree.top.map(function (t) { return { id: t, top: Math.floor((topH - height.get(t)) / 2) }; });
    var placed = placeBlocks(its, none, width, rowY, theses), corner = placed.corner;
    preOrderAll(tree).forEach(function (id) {
      var c = corner.get(id);
      tree.below.get(id).concat(tree.beside.get(id)).forEach(function (k) {
        corner.set(k, [c[0] + offset.get(k)[0], c[1] + offset.get(k)[1]]);
      });
    });
    var nodesOut = m.components.map(function (c) {
      var style = EDIT.styles[c.kind][flagged.has(c.id) ? 1 : 0], at = corner.get(c.id);
      return Object.assign({}, style, {
        id: c.id, label: labels.get(c.id), kind: c.kind, title: facts(c) + "\n" + c.text,
        x: at[0] + Math.floor(WRAP.nodeWidth / 2), y: at[1] + Math.floor(height.get(c.id) / 2)
      });
    });
    var edgesOut = m.relations.map(function (r, i) {
      var how = route(tree, m, i), positional = data.positional.indexOf(r.signal) >= 0;
      var e = Object.assign({}, EDIT.edges[r.kind], {
        id: "e" + i, from: r.source, to: r.target, arrows: "to", kind: r.kind, route: how,
        title: r.kind + (r.signal ? ": \u201c" + r.signal + "\u201d" : ""), smooth: EDIT.smooth[how]
      });
      var words = r.signal.replace(/\s+/g, " ").trim();
      if (words && !positional) e.label = shorten(words, 24);
      if (how !== "free") e.hidden = true;
      return e;
    });
    var v = data.views.argument;
    return {
      nodes: nodesOut, edges: edgesOut, options: v.options,
      items: its.map(function (it) { return [it.id, it.w, it.h, it.nh, it.section, it.members, it.thesis]; }),
      wrap: Object.assign({}, v.wrap, { width: width, top: rowY }),
      loose: placed.loose
    };
  }
  function preOrderAll(tree) {
    var out = [];
    tree.top.concat(tree.row).forEach(function (root) { out = out.concat(preOrderFrom(tree, root)); });
    return out;
  }

  // layout.py's page_outline and causal_chains, for the outline of a corrected map.
  function outlineOf(m, tree) {
    var hanging = new Map();
    tree.top.forEach(function (t) { hanging.set(t, tree.row.filter(function (c) { return hangsFrom(tree, m, c, t); })); });
    var loose = tree.row.filter(function (c) { return !tree.top.some(function (t) { return hanging.get(t).indexOf(c) >= 0; }); });
    var out = [], todo = tree.top.concat(loose).reverse().map(function (id) { return [id, 0]; });
    while (todo.length) {
      var item = todo.pop(), id = item[0], depth = item[1];
      out.push([id, tree.via.has(id) ? tree.via.get(id) : null, depth]);
      var kids = hanging.get(id) || tree.below.get(id).concat(tree.beside.get(id));
      kids.slice().reverse().forEach(function (k) { todo.push([k, depth + 1]); });
    }
    return out;
  }
  function chainsOf(m) {
    var links = [], ids = [], seen = new Set(), next = new Map();
    m.relations.forEach(function (r, i) {
      if (r.kind !== "causes" || r.source === r.target) return;
      links.push(i);
      [r.source, r.target].forEach(function (x) { if (!next.has(x)) next.set(x, []); });
      next.get(r.source).push(r.target); next.get(r.target).push(r.source);
    });
    m.components.forEach(function (c) { if (next.has(c.id)) ids.push(c.id); });
    var out = [];
    ids.forEach(function (start) {
      if (seen.has(start)) return;
      var group = new Set([start]), todo = [start];
      seen.add(start);
      while (todo.length) next.get(todo.pop()).forEach(function (x) { if (!seen.has(x)) { seen.add(x); group.add(x); todo.push(x); } });
      var mine = links.filter(function (i) { return group.has(m.relations[i].source); });
      mine.sort(function (a, b) {
        var ra = m.relations[a], rb = m.relations[b];
        return (order.get(ra.source) - order.get(rb.source)) || (order.get(ra.target) - order.get(rb.target)) || (a - b);
      });
      out.push(mine);
    });
    return out;
  }

  // Apply the corrections: the map, the argument view (laid out again), the outline, the essay's
  // marks and the counts; then keep them in this browser.
  function corrected(keepView) {
    var fixed = applyOps(ops);
    map.components = fixed.components;
    map.relations = fixed.relations;
    byId.clear(); order.clear();
    map.components.forEach(function (c, i) { byId.set(c.id, c); order.set(c.id, i); });
    data.views.argument = argumentView(map);
    data.outline = outlineOf(map, argumentTree(map));
    data.chains = chainsOf(map);
    takeArgumentView();
    buildOutline();
    buildEssay(spansOf(map.components));
    essayKeys.reset();
    if (view === "causal") spanById.forEach(function (span, id) { span.classList.toggle("offview", nodes.get(id) === null); });
    if (selected !== null && spanById.has(selected)) markActive(selected, true);
    document.querySelectorAll(".role-filter").forEach(function (box) {
      var count = box.parentNode.querySelector(".count.only-argument");
      if (count) count.textContent = map.components.filter(function (c) { return c.kind === box.dataset.kind; }).length;
    });
    if (view === "argument") {
      var at = network.getViewPosition(), scale = network.getScale(), was = selected;
      view = null;
      showView("argument", true);
      network.moveTo({ position: at, scale: scale });
      if (was !== null && byId.has(was)) select(was, "graph");
    }
    try {
      if (ops.length) localStorage.setItem(STORE, JSON.stringify({ ops: ops }));
      else localStorage.removeItem(STORE);
    } catch (e) { /* storage switched off: the corrections last as long as the page */ }
    updateEditBar();
  }
  function correct(op) {
    if (op.op === "role" && byId.has(op.id) && byId.get(op.id).kind === op.kind) return;
    ops.push(op);
    undone = [];
    corrected();
  }
  function undo() { if (ops.length) { undone.push(ops.pop()); corrected(); } }
  function redo() { if (undone.length) { ops.push(undone.pop()); corrected(); } }
  function updateEditBar() {
    editBar.hidden = ops.length === 0 && undone.length === 0;
    document.getElementById("edit-count").textContent = ops.length === 1 ? "1 correction" : ops.length + " corrections";
    document.getElementById("undo").disabled = !ops.length;
    document.getElementById("redo").disabled = !undone.length;
    document.getElementById("download-corrected").disabled = !ops.length;
    document.body.classList.toggle("corrected", ops.length > 0);
  }
  document.getElementById("undo").addEventListener("click", undo);
  document.getElementById("redo").addEventListener("click", redo);
  document.getElementById("discard").addEventListener("click", function () { ops = []; undone = []; corrected(); });
  document.getElementById("download-corrected").addEventListener("click", function () {
    var out = Object.assign({}, map, { components: map.components, relations: map.relations });
    var blob = new Blob([JSON.stringify(out, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    save(url, slug() + "-corrected.json");
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target, typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (typing || !(ev.ctrlKey || ev.metaKey)) return;
    var key = ev.key.toLowerCase();
    if (key === "z" && !ev.shiftKey) { ev.preventDefault(); undo(); }
    else if (key === "y" || (key === "z" && ev.shiftKey)) { ev.preventDefault(); redo(); }
  });

  // Buttons to reverse or remove link `r`, after its line in the details panel.
  function linkButtons(li, r) {
    var rev = el("button", "edit-reverse", "Reverse");
    rev.type = "button";
    rev.title = "Make this link run the other way";
    rev.addEventListener("click", function () { correct({ op: "reverse", source: r.source, target: r.target, kind: r.kind }); });
    var del = el("button", "edit-remove", "Remove");
    del.type = "button";
    del.title = "Remove this link";
    del.addEventListener("click", function () { correct({ op: "unlink", source: r.source, target: r.target, kind: r.kind }); });
    li.appendChild(rev);
    li.appendChild(del);
  }
  // The details panel's corrections for component `id`: its role, a new link to another one.
  function editControls(id) {
    var c = byId.get(id), box = el("div", "edit");
    var roleLine = el("label", "edit-line", "Role: ");
    var role = el("select", "edit-role");
    Object.keys(EDIT.styles).forEach(function (k) {
      var o = el("option", null, k);
      o.value = k;
      if (k === c.kind) o.selected = true;
      role.appendChild(o);
    });
    role.addEventListener("change", function () { correct({ op: "role", id: id, kind: role.value }); });
    roleLine.appendChild(role);
    box.appendChild(roleLine);
    var at = map.components.findIndex(function (o) { return o.id === id; });
    var joins = el("div", "edit-line");
    [[map.components[at - 1], c, "Merge with the one before"], [c, map.components[at + 1], "Merge with the one after"]].forEach(function (pair) {
      if (!pair[0] || !pair[1]) return;
      var b = el("button", "edit-merge", pair[2]);
      b.type = "button";
      b.dataset.with = pair[0] === c ? pair[1].id : pair[0].id;
      b.title = "Make this passage and its neighbour one: " + short(b.dataset.with, 60);
      b.addEventListener("click", function () { correct({ op: "merge", first: pair[0].id, second: pair[1].id }); });
      joins.appendChild(b);
    });
    if (joins.childNodes.length) box.appendChild(joins);
    var words = [], re = /\S+/g, text = slice(c.start, c.end), found;
    while ((found = re.exec(text)) !== null) {
      if (found.index > 0) words.push([c.start + Array.from(text.slice(0, found.index)).length, found[0]]);
    }
    if (words.length) {
      var cut = el("div", "edit-line edit-split");
      var where = el("select", "edit-split-at");
      where.setAttribute("aria-label", "The word the second passage starts with");
      words.forEach(function (w, k) {
        var o = el("option", null, "\u2026" + w[1] + " (word " + (k + 2) + ")");
        o.value = String(w[0]);
        where.appendChild(o);
      });
      var go2 = el("button", "edit-split-go", "Split");
      go2.type = "button";
      go2.addEventListener("click", function () { correct({ op: "split", id: id, at: Number(where.value) }); });
      cut.appendChild(document.createTextNode("Split before "));
      cut.appendChild(where);
      cut.appendChild(go2);
      box.appendChild(cut);
    }
    var add = el("div", "edit-line edit-add");
    var kind = el("select", "edit-kind");
    Object.keys(EDIT.edges).forEach(function (k) { var o = el("option", null, k); o.value = k; kind.appendChild(o); });
    var target = el("select", "edit-target");
    map.components.forEach(function (o) {
      if (o.id === id) return;
      var opt = el("option", null, label(o.id));
      opt.value = o.id;
      target.appendChild(opt);
    });
    var go = el("button", "edit-link", "Add link");
    go.type = "button";
    go.addEventListener("click", function () { correct({ op: "link", source: id, target: target.value, kind: kind.value }); });
    kind.setAttribute("aria-label", "Kind of the new link");
    target.setAttribute("aria-label", "What the new link goes to");
    add.appendChild(document.createTextNode("This "));
    add.appendChild(kind);
    add.appendChild(target);
    add.appendChild(go);
    box.appendChild(add);
    return box;
  }

  // Corrections kept in this browser for this map come back when it is opened again.
  try {
    var kept = JSON.parse(localStorage.getItem(STORE) || "null");
    if (kept && Array.isArray(kept.ops) && kept.ops.length) { ops = kept.ops; corrected(); }
  } catch (e) { /* nothing kept, or storage switched off */ }
  updateEditBar();

  // --- Downloads (made in the page: no request is made). ---
  function slug() {
    var s = (map.title || "argument-map").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return (s || "argument-map").slice(0, 60);
  }
  function save(href, name) {
    var a = el("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  // The PNG shows the whole graph as it is shown (view, filters, focus), not just the part on
  // screen: it is drawn once more, off screen, on a canvas as large as the graph.
  function graphPng(done) {
    var ids = nodes.getIds().filter(function (id) { return !nodes.get(id).hidden; });
    if (!ids.length) { done(null); return; }
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      box.left = Math.min(box.left, b.left); box.top = Math.min(box.top, b.top);
      box.right = Math.max(box.right, b.right); box.bottom = Math.max(box.bottom, b.bottom);
    });
    var pad = 40, w = box.right - box.left + 2 * pad, h = box.bottom - box.top + 2 * pad;
    var ratio = window.devicePixelRatio || 1;
    var scale = Math.min(1, Math.sqrt(16e6 / (w * h * ratio * ratio)), 8000 / Math.max(w, h));
    var holder = el("div");
    holder.style.cssText = "position:fixed;left:-100000px;top:0;width:" + Math.ceil(w * scale) + "px;height:" + Math.ceil(h * scale) + "px";
    document.body.appendChild(holder);
    var v = data.views[view];
    var copyNodes = new vis.DataSet(nodes.get()), copyEdges = new vis.DataSet(edges.get());
    var copy = makeNetwork(holder, v, copyNodes, copyEdges);
    copy.selectNodes(network.getSelectedNodes());
    copy.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale });
    copy.once("afterDrawing", function () {
      var src = holder.querySelector("canvas");
      var out = document.createElement("canvas");
      out.width = src.width;
      out.height = src.height;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      copy.destroy();
      holder.remove();
      done(out.toDataURL("image/png"));
    });
    copy.redraw();
  }
  document.getElementById("download-png").addEventListener("click", function () {
    graphPng(function (url) { if (url) save(url, slug() + (view === "causal" ? "-causes" : "") + ".png"); });
  });
  document.getElementById("download-json").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(map, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    save(url, slug() + ".json");
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  });

  // --- Argument / causal toggle. ---
  document.querySelectorAll(".view-button").forEach(function (b) {
    b.addEventListener("click", function () { showOutline(false); showView(b.dataset.view); });
  });
  showView(data.view);

  // A small handle for debugging and for the browser tests (the graph is that of the view shown).
  window.argmap = {
    data: data, get spans() { return spanById; }, timing: timing,
    get network() { return network; }, get nodes() { return nodes; }, get edges() { return edges; },
    view: function () { return view; }, setView: showView,
    select: select, clear: clearSelection, search: search,
    setRoleVisible: setRoleVisible, setLinkVisible: setLinkVisible, shownEdges: shownEdges,
    focusOn: focusOn, showAll: function () { endFocus(); },
    focused: function () { return focus === null ? null : focus.id; },
    shownNodes: function () { return map.components.filter(function (c) { return nodes.get(c.id) !== null && nodeShown(c.id); }).map(function (c) { return c.id; }); },
    showOutline: showOutline, png: graphPng,
    fold: function (id, on) { setFolded(id, on !== false); },
    correct: correct, undo: undo, redo: redo, corrections: function () { return ops.slice(); },
    map: function () { return map; },
    foldAll: function (on) { foldAll(on !== false); },
    folded: function () { return Array.from(folded); },
    selected: function () { return selected; },
    nodeBox: function (id) {
      var box = network.getBoundingBox(id);
      var a = network.canvasToDOM({ x: box.left, y: box.top }), b = network.canvasToDOM({ x: box.right, y: box.bottom });
      return { left: a.x, top: a.y, right: b.x, bottom: b.y };
    }
  };
})();
