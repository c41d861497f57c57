// The search box: loads search-index.json on first use and lists the best matches.
(function () {
  const form = document.getElementById("search");
  if (!form) return;
  const input = form.querySelector("input");
  const list = document.getElementById("search-results");
  const base = form.dataset.base;
  let index = null;
  form.hidden = false;

  async function load() {
    if (index) return index;
    const response = await fetch(base + "search-index.json");
    index = await response.json();
    return index;
  }

  function score(entry, terms) {
    const title = entry.t.toLowerCase();
    let total = 0;
    for (const term of terms) {
      if (title.includes(term)) total += title.startsWith(term) ? 4 : 3;
      else if ((entry.s || "").toLowerCase().includes(term)) total += 1;
      else if (entry.x.includes(term)) total += 1;
      else return 0;
    }
    return total;
  }

  function show(results, query) {
    list.replaceChildren();
    for (const entry of results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = base + entry.u;
      link.textContent = entry.t;
      const where = document.createElement("span");
      where.className = "where";
      const kind = entry.k.charAt(0).toUpperCase() + entry.k.slice(1);
      where.textContent = entry.s ? `${kind} · ${entry.s}` : kind;
      link.append(" ", where);
      item.append(link);
      list.append(item);
    }
    if (query && !results.length) {
      const item = document.createElement("li");
      item.className = "none";
      item.textContent = "Nothing matches";
      list.append(item);
    }
    list.hidden = !query;
  }

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", async () => {
    const query = input.value.trim().toLowerCase();
    if (!query) return show([], "");
    const terms = query.split(/\s+/);
    const entries = await load();
    const found = [];
    for (const entry of entries) {
      const s = score(entry, terms);
      if (s) found.push([s, entry]);
    }
    found.sort((a, b) => b[0] - a[0]);
    show(found.slice(0, 12).map(([, e]) => e), query);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { input.value = ""; show([], ""); }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
})();
