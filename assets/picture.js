// The neighbourhood picture of an entity page: the entity and its neighbours (1 or 2 steps),
// from /api/neighbourhood, drawn with the vendored Cytoscape.js. A relation filter asks the
// service again with only the chosen relations. Every link drawn is also listed on the page.
(function () {
  "use strict";
  var controls = document.getElementById("picture-controls");
  var container = document.getElementById("picture");
  var status = document.getElementById("picture-status");
  var relationsBox = document.getElementById("picture-relations");
  if (!controls || !container || typeof window.cytoscape !== "function") {
    if (status) status.textContent = "The picture could not be drawn here; every link is listed below.";
    return;
  }
  var root = controls.getAttribute("data-iri");
  var allRelations = null;
  var cy = null;

  var colours = {
    document: "#1f6feb", body: "#bf5700", topic: "#1a7f37", person: "#8250df", other: "#6e7781"
  };
  function group(kind) {
    if (["rec", "std", "spec", "doc", "liaison", "res", "clause"].indexOf(kind) >= 0) return "document";
    if (["sg", "question", "sdo", "wg", "jca", "conf", "meeting"].indexOf(kind) >= 0) return "body";
    if (kind === "topic") return "topic";
    if (kind === "person" || kind === "role") return "person";
    return "other";
  }

  function depth() {
    var checked = controls.querySelector("input[name=depth]:checked");
    return checked ? checked.value : "1";
  }
  function chosenRelations() {
    if (!allRelations) return null;
    var boxes = relationsBox.querySelectorAll("input[type=checkbox]");
    var chosen = [];
    boxes.forEach(function (b) { if (b.checked) chosen.push(b.value); });
    return chosen.length === boxes.length ? null : chosen;
  }

  function showRelations(relations) {
    allRelations = relations;
    relationsBox.textContent = "";
    var legend = document.createElement("legend");
    legend.textContent = "Relations";
    relationsBox.appendChild(legend);
    relations.forEach(function (r) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = r.iri;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + r.label + " (" + r.count + ")"));
      relationsBox.appendChild(label);
    });
    if (!relations.length) relationsBox.appendChild(document.createTextNode("none"));
  }

  function draw(data) {
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({ data: { id: n.id, label: n.label, href: n.href, type: n.type || "", group: group(n.kind), root: n.depth === 0 ? 1 : 0, depth: n.depth } });
    });
    // Many links: their labels would hide the picture; a click on a link names it instead.
    var edgeLabels = data.edges.length <= 40;
    data.edges.forEach(function (e, i) {
      elements.push({ data: { id: "e" + i, source: e.source, target: e.target, name: e.label, label: edgeLabels ? e.label : "" } });
    });
    if (cy) cy.destroy();
    cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      maxZoom: 1.6,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "ellipsis", "text-max-width": 120, "width": 14, "height": 14,
          "background-color": function (n) { return colours[n.data("group")]; }
        } },
        { selector: "node[root = 1]", style: { "width": 26, "height": 26, "border-width": 3, "border-color": "#1b1f24", "font-weight": "bold", "font-size": 12 } },
        { selector: "edge", style: {
          "width": 1.2, "line-color": "#afb8c1", "target-arrow-color": "#afb8c1", "target-arrow-shape": "triangle",
          "arrow-scale": 0.7, "curve-style": "bezier", "label": "data(label)", "font-size": 7, "color": "#57606a",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8
        } },
        { selector: ":selected", style: { "background-color": "#ffbf47", "line-color": "#bf8700" } }
      ],
      layout: data.depth > 1
        ? { name: "cose", animate: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 70; } }
        : { name: "concentric", animate: false, minNodeSpacing: 25, concentric: function (n) { return 10 - n.data("depth"); }, levelWidth: function () { return 1; } }
    });
    cy.on("tap", "node", function (event) {
      var n = event.target;
      status.textContent = n.data("label") + (n.data("type") ? " (" + n.data("type") + ")" : "") + ": double-click to open its page.";
    });
    cy.on("tap", "edge", function (event) {
      var e = event.target;
      status.textContent = e.source().data("label") + " — " + e.data("name") + " → " + e.target().data("label");
    });
    cy.on("dbltap", "node", function (event) {
      var href = event.target.data("href");
      if (href) window.location.href = href;
    });
    window.idmgraphPicture = cy;
    container.setAttribute("data-nodes", String(data.nodes.length));
    container.setAttribute("data-edges", String(data.edges.length));
    var text = data.nodes.length + " entities, " + data.edges.length + " links.";
    if (data.truncated) text += " Only the first " + data.nodes.length + " neighbours are drawn (of more).";
    status.textContent = text + " Click a node to name it, double-click to open it.";
  }

  function load() {
    var url = "/api/neighbourhood?iri=" + encodeURIComponent(root) + "&depth=" + depth();
    var chosen = chosenRelations();
    if (chosen) {
      if (!chosen.length) url += "&relation=";
      chosen.forEach(function (r) { url += "&relation=" + encodeURIComponent(r); });
    }
    status.textContent = "Loading the picture…";
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        if (!allRelations) showRelations(data.relations);
        draw(data);
      })
      .catch(function (error) { status.textContent = "The picture could not be loaded (" + error.message + ")."; });
  }

  controls.addEventListener("change", load);
  load();
})();
