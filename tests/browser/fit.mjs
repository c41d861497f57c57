// Page-fit gates: what a person sees on a phone and on a desktop.
//
// For each view (375 and 1280 px wide, light and dark) every page is loaded in one browser
// context and checked for:
//   - a document no wider than the viewport (scrollWidth ≤ clientWidth);
//   - charts (svg) that fit the boxes that show them: neither the svg's box nor its drawn
//     content (getBBox) reaches past an ancestor whose overflow hides or scrolls it, nor past
//     the svg's own viewport, which clips whatever is drawn outside its viewBox;
//   - at 1280 px, chart text of at least 10 CSS px (font-size × the svg's scale);
//   - at 1280 px, on journey pages of up to eight stages, no element that scrolls sideways
//     (scrollWidth > clientWidth + 1).
// Each problem names the element, so a failure reads "page at width, scheme: what, where".

/** The views every page is checked in. */
export const FIT_VIEWS = [375, 1280].flatMap((width) => ["light", "dark"].map((scheme) => ({ width, scheme })));

/** The smallest font a chart may show at desktop width, in CSS pixels. */
const MIN_CHART_TEXT = 10;
/** Journey pages with at most this many stages must not scroll sideways at 1280 px. */
const MAX_STAGES_WITHOUT_SCROLL = 8;

/**
 * Loads `files` (paths below the site's base, e.g. "metrics/index.html") in a fresh context of
 * `view` and returns [file, problems] for each.
 */
export async function checkFit(browser, view, origin, base, files) {
  const context = await browser.newContext({ viewport: { width: view.width, height: 900 }, colorScheme: view.scheme });
  const page = await context.newPage();
  const out = [];
  try {
    for (const file of files) {
      const rel = file.replace(/index\.html$/, "");
      await page.goto(`${origin}${base}${rel}`, { waitUntil: "load" });
      const journey = /^journeys\/[^/]+\/$/.test(rel) ? `${base}${rel}` : null;
      const problems = await page.evaluate(measure, {
        wide: view.width >= 1280, journey, minText: MIN_CHART_TEXT, maxStages: MAX_STAGES_WITHOUT_SCROLL,
      });
      out.push([file, problems]);
    }
  } finally {
    await context.close();
  }
  return out;
}

// Runs inside the page: every rule above, as a list of problems.
function measure({ wide, journey, minText, maxStages }) {
  const problems = [];
  const name = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += `#${e.id}`;
    const cls = typeof e.className === "string" ? e.className : e.className?.baseVal ?? "";
    if (cls.trim()) s += "." + cls.trim().split(/\s+/).join(".");
    const heading = e.closest("section")?.querySelector("h2, h3")?.textContent?.trim();
    return heading ? `${s} (in "${heading.slice(0, 40)}")` : s;
  };
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
  };
  const px = (n) => Math.round(n * 10) / 10;
  const root = document.documentElement;

  // The document: nothing may make the page wider than the screen.
  if (root.scrollWidth > root.clientWidth) {
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((e) => shown(e) && e.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((e) => (e.parentElement?.getBoundingClientRect().right ?? 0) <= root.clientWidth + 1);
    problems.push(`page is ${root.scrollWidth} px wide in a ${root.clientWidth} px viewport; past the edge: ${
      culprits.slice(0, 4).map(name).join(", ") || "?"}`);
  }

  // Charts: the svg and what it draws stay inside every box that would hide or scroll them.
  for (const svg of document.querySelectorAll("svg")) {
    if (!shown(svg) || svg.closest(".sr")) continue;
    const box = svg.getBoundingClientRect();
    let drawn = null;
    try {
      const b = svg.getBBox();
      const m = svg.getScreenCTM();
      if (m && b.width + b.height > 0) {
        const corners = [[b.x, b.y], [b.x + b.width, b.y + b.height]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
        drawn = { left: corners[0].x, top: corners[0].y, right: corners[1].x, bottom: corners[1].y };
      }
    } catch { /* an svg that draws nothing has no bbox */ }
    if (drawn && svg.getAttribute("viewBox")) {
      const cut = ["left", "top"].filter((k) => drawn[k] < box[k] - 1)
        .concat(["right", "bottom"].filter((k) => drawn[k] > box[k] + 1));
      if (cut.length) problems.push(`chart ${name(svg)} draws past its own ${cut.join(" and ")} edge (drawing ${px(drawn.left)}–${px(drawn.right)} × ${px(drawn.top)}–${px(drawn.bottom)}, svg ${px(box.left)}–${px(box.right)} × ${px(box.top)}–${px(box.bottom)})`);
    }
    for (let a = svg.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const r = a.getBoundingClientRect();
      const inner = { left: r.left + a.clientLeft, top: r.top + a.clientTop };
      inner.right = inner.left + a.clientWidth;
      inner.bottom = inner.top + a.clientHeight;
      for (const [what, b] of [["svg", box], ["its drawing", drawn]]) {
        if (!b) continue;
        const sides = [];
        if (style.overflowX !== "visible" && (b.left < inner.left - 1 || b.right > inner.right + 1)) sides.push("sideways");
        if (style.overflowY !== "visible" && (b.top < inner.top - 1 || b.bottom > inner.bottom + 1)) sides.push("vertically");
        if (sides.length) {
          problems.push(`chart ${name(svg)}: ${what} (${px(b.right - b.left)} × ${px(b.bottom - b.top)} px) is cut ${sides.join(" and ")} by ${name(a)} (${a.clientWidth} × ${a.clientHeight} px, overflow ${style.overflowX}/${style.overflowY})`);
          break;
        }
      }
    }
    // Text: big enough to read at desktop width once the svg is scaled.
    const vb = svg.viewBox?.baseVal;
    if (wide && vb && vb.width > 0) {
      const scale = box.width / vb.width;
      for (const t of svg.querySelectorAll("text")) {
        if (!shown(t)) continue;
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (size < minText - 0.05) {
          problems.push(`chart ${name(svg)}: text "${t.textContent.trim().slice(0, 30)}" renders at ${px(size)} px (under ${minText} px)`);
          break;
        }
      }
    }
  }

  // Journey pages of a few stages: nothing scrolls sideways on a desktop.
  if (wide && journey) {
    const stages = new Set([...document.querySelectorAll("a[href]")]
      .map((a) => new URL(a.href?.baseVal ?? a.href, location.href).pathname)
      .filter((p) => p.startsWith(journey) && /^[^/]+\/$/.test(p.slice(journey.length))));
    if (stages.size <= maxStages) {
      for (const e of document.body.querySelectorAll("*")) {
        if (!(e instanceof HTMLElement) || e.clientWidth <= 1 || e.closest(".sr")) continue;
        if (e.scrollWidth > e.clientWidth + 1 && shown(e)) {
          problems.push(`${name(e)} scrolls sideways (${e.scrollWidth} px of content in ${e.clientWidth} px) on a journey of ${stages.size} stages`);
        }
      }
    }
  }
  return problems;
}
