// Autocomplete for the search boxes (inputs with data-autocomplete): suggestions from
// /api/search as an ARIA combobox. Without this script the boxes still submit to /search.
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var timer = null, active = -1, items = [], last = "", controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function show(hits) {
      list.textContent = "";
      items = hits.map(function (hit, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        var a = document.createElement("a");
        a.href = hit.href;
        a.tabIndex = -1;
        a.textContent = hit.label;
        var detail = [hit.type, hit.title && hit.title !== hit.label ? hit.title : null].filter(Boolean).join(" · ");
        if (detail) {
          var small = document.createElement("small");
          small.textContent = detail;
          a.appendChild(small);
        }
        li.appendChild(a);
        list.appendChild(li);
        return li;
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      active = -1;
    }
    function suggest() {
      var q = input.value;
      if (q.trim() === "") { close(); return; }
      if (q === last) return;
      last = q;
      if (controller) controller.abort();
      controller = new AbortController();
      fetch("/api/search?limit=8&q=" + encodeURIComponent(q), { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
        .then(function (data) { if (input.value === q) show(data.hits || []); })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && items.length) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = items[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
