// The search box: loads search-index.json on first use and lists the best matches.
// The index stores text as words split by spaces, broken the way each language needs (Thai
// has no spaces between words); the query is broken into words the same way here, and each
// of its words must start a word of the entry. Words on screen come from data-* attributes
// written in the page's language.
(function () {
  const form = document.getElementById("search");
  if (!form) return;
  const input = form.querySelector("input");
  const list = document.getElementById("search-results");
  const base = form.dataset.base;
  const lang = document.documentElement.lang || "en";
  const kinds = Object.fromEntries(
    (input.dataset.kinds || "").split("|").filter(Boolean).map((pair) => pair.split("=")),
  );
  let index = null;
  form.hidden = false;

  // The words of the query; without Intl.Segmenter, the runs between spaces.
  function terms(query) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return query.split(/\s+/);
    const segmenter = new Intl.Segmenter(lang, { granularity: "word" });
    const words = [];
    for (const part of segmenter.segment(query)) if (part.isWordLike) words.push(part.segment);
    return words.length ? words : [query];
  }

  function startsWord(words, term) {
    return words.startsWith(term) || words.includes(" " + term);
  }

  async function load() {
    if (index) return index;
    const response = await fetch(base + "search-index.json");
    index = await response.json();
    return index;
  }

  function score(entry, terms) {
    let total = 0;
    for (const term of terms) {
      if (startsWord(entry.w, term)) total += entry.w.startsWith(term) ? 4 : 3;
      else if ((entry.s || "").toLowerCase().includes(term)) total += 1;
      else if (startsWord(entry.x, term)) total += 1;
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
      const kind = kinds[entry.k] || entry.k;
      where.textContent = entry.s ? `${kind} · ${entry.s}` : kind;
      link.append(" ", where);
      item.append(link);
      list.append(item);
    }
    if (query && !results.length) {
      const item = document.createElement("li");
      item.className = "none";
      item.textContent = input.dataset.none;
      list.append(item);
    }
    list.hidden = !query;
  }

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", async () => {
    const query = input.value.trim().toLowerCase();
    if (!query) return show([], "");
    const words = terms(query);
    const entries = await load();
    const found = [];
    for (const entry of entries) {
      const s = score(entry, words);
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
