// Quality gates for built sites, in a real browser.
//
//   node tests/browser/check.mjs --shots DIR SITE[=BASE] ...
//
// For every page of every SITE (a built output folder, served at BASE, default "/"):
//   - the Nu HTML checker (vnu.jar) reports no error, inline SVG and SVG files included;
//   - every internal link, asset and #anchor resolves;
//   - headless Chromium loads it with no console error, no failed request and no request
//     that leaves the machine;
//   - axe-core finds no serious or critical violation, in light and in dark mode;
//   - at 375 and 1280 px, light and dark, every page fits (fit.mjs): no page wider than the
//     screen, no chart wider than its box or cut by an overflow, chart text at least 10 px at
//     1280, and no sideways scrolling at 1280 on journey pages of up to eight stages.
// Screenshots of chosen pages at 1280 and 375 px go to --shots. The last line reads
// "N passed, N failed"; the exit status is 1 when anything failed.

import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { FIT_VIEWS, checkFit } from "./fit.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const VNU = join(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");
const CHROMIUM_FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};
// Pages worth a screenshot, by the start of their path below the base.
const SHOTS = [["home", ""], ["journey", "journeys/snack-box/"], ["stage", "journeys/snack-box/trial/"],
  ["metrics", "metrics/"], ["note", "insights/2026/churn-survey-q3/"], ["compare", "compare/snack-box/snack-box-future/"],
  ["persona", "personas/office-manager/"], ["opportunities", "opportunities/"], ["pain-points", "pain-points/"],
  ["journey", "journeys/subscription/"], ["stage", "journeys/subscription/การสมัคร/"], ["roadmap", "roadmap/"],
  ["nested", "journeys/snack-box-trial/"], ["personas", "personas/"], ["research", "journeys/mobile-ordering/"],
  ["note-th", "insights/2569/สัมภาษณ์คุณนภา/"], ["persona-th", "personas/office-worker/"],
  ["journey-th", "journeys/สั่งขนมสำนักงาน/"], ["stage-th", "journeys/สั่งขนมสำนักงาน/การทดลองใช้/"],
  ["note-th", "insights/2026/ใบกำกับภาษี/"], ["journey-shop", "journeys/shop/"],
  ["history", "journeys/snack-box/history/"], ["history-th", "journeys/สั่งขนมสำนักงาน/history/"]];

// Thai words that appear only inside longer runs of Thai text (no spaces around them), and
// the page a search for each must list, by site folder name.
const THAI_SEARCHES = {
  thai: [["สะดวก", "insights/2569/สัมภาษณ์คุณนภา/"]],
  example: [["บัญชี", "insights/2026/ใบกำกับภาษี/"]],
};

const args = process.argv.slice(2);
let shots = null;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--shots") shots = args[++i];
  else {
    const [dir, base = "/"] = args[i].split("=");
    sites.push({ dir, base: base.endsWith("/") ? base : base + "/" });
  }
}
if (!sites.length) {
  console.error("usage: check.mjs [--shots DIR] SITE[=BASE] ...");
  process.exit(2);
}

let passed = 0;
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out.sort();
}

function vnu(site, pages) {
  const svgs = files(site.dir).filter((f) => f.endsWith(".svg"));
  const run = spawnSync("java", ["-Xss4m", "-jar", VNU, "--errors-only", "--format", "json", "--also-check-svg", ...pages, ...svgs],
    { encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.error) throw run.error;
  const messages = JSON.parse(run.stderr || '{"messages": []}').messages.filter((m) => m.type === "error");
  const bad = new Set();
  for (const m of messages) {
    const file = relative(site.dir, decodeURIComponent(new URL(m.url).pathname));
    bad.add(file);
    fail(`${site.dir}/${file}:${m.lastLine ?? "?"}`, `HTML checker: ${m.message} «${(m.extract ?? "").trim().slice(0, 120)}»`);
  }
  for (const p of pages.concat(svgs)) if (!bad.has(relative(site.dir, p))) passed++;
}

function serve(site) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(site.base)) { res.writeHead(404).end(); return; }
    path = path.slice(site.base.length);
    let file = join(site.dir, path);
    if (path === "" || path.endsWith("/")) file = join(file, "index.html");
    if (!file.startsWith(site.dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(readFileSync(join(site.dir, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function axe(page, where, mode) {
  await page.emulateMedia({ colorScheme: mode });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  if (result.length) result.forEach((v) => fail(where, `axe, ${mode} mode: ${v}`));
  else passed++;
}

async function checkSite(browser, site) {
  const pages = files(site.dir).filter((f) => f.endsWith(".html"));
  vnu(site, pages);
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const ids = new Map();
  const links = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) problems.push(`external request: ${r.url()}`); });
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/404.html")) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  for (const file of pages) {
    const rel = relative(site.dir, file).replace(/index\.html$/, "");
    const url = `${origin}${site.base}${rel}`;
    const where = `${site.dir}/${relative(site.dir, file)}`;
    problems = [];
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(url, { waitUntil: "load" });
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
      links: [...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
        .map((e) => e.href?.baseVal ?? e.href ?? e.src).filter(Boolean),
    }));
    // Keyed by the decoded path: links to Thai or CJK pages are percent-encoded.
    ids.set(decodeURIComponent(new URL(url).pathname), new Set(found.ids));
    for (const l of found.links) links.push({ from: where, url: l });
    await page.addScriptTag({ path: AXE });
    await axe(page, where, "light");
    await axe(page, where, "dark");
    if (problems.length) problems.forEach((p) => fail(where, p));
    else passed++;
    if (shots) {
      const shot = SHOTS.find(([, path]) => path === rel);
      if (shot) {
        mkdirSync(shots, { recursive: true });
        const name = `${site.dir.split("/").pop()}-${shot[0]}`;
        await page.emulateMedia({ colorScheme: "light" });
        await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: true });
        await page.setViewportSize({ width: 375, height: 800 });
        await page.screenshot({ path: join(shots, `${name}-375.png`), fullPage: true });
        await page.emulateMedia({ colorScheme: "dark" });
        await page.screenshot({ path: join(shots, `${name}-375-dark.png`), fullPage: false });
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    }
  }
  // Search: typing a stage's name lists it, and the first result leads to a real page.
  await page.goto(`${origin}${site.base}`, { waitUntil: "load" });
  const query = await page.evaluate(() => document.querySelector("h3 a, h2 a")?.textContent?.split(" ")[0] ?? "");
  const input = page.locator("#search-input");
  if (!(await input.isVisible())) fail(`${site.dir}/index.html`, "search box is not shown");
  else if (query) {
    await input.fill(query);
    try {
      await page.waitForSelector("#search-results a", { timeout: 5000 });
      const first = await page.locator("#search-results a").first().getAttribute("href");
      links.push({ from: `${site.dir}/index.html (search for "${query}")`, url: new URL(first, origin).href });
      passed++;
    } catch {
      fail(`${site.dir}/index.html`, `searching for "${query}" lists nothing`);
    }
  }
  // Thai: a word inside a sentence is found, because index and query are both split into words.
  for (const [word, expected] of THAI_SEARCHES[site.dir.split("/").pop()] ?? []) {
    await input.fill("");
    await input.fill(word);
    const want = `${site.base}${expected}`;
    try {
      await page.waitForFunction(
        (href) => [...document.querySelectorAll("#search-results a")].some((a) => decodeURIComponent(new URL(a.href).pathname) === href),
        want, { timeout: 5000 });
      passed++;
    } catch {
      fail(`${site.dir}/index.html`, `searching for "${word}" does not list ${want}`);
    }
  }
  // Links: every internal target exists, and every #anchor is an id on its page.
  const brokenBefore = failures.length;
  for (const { from, url } of links) {
    if (!url.startsWith(origin)) continue;
    const [target, anchor] = url.split("#");
    const path = decodeURIComponent(new URL(target).pathname);
    if (!path.startsWith(site.base)) { fail(from, `link outside the site's base: ${url}`); continue; }
    let file = join(site.dir, path.slice(site.base.length));
    if (path.endsWith("/")) file = join(file, "index.html");
    if (!existsSync(file)) { fail(from, `broken link: ${url}`); continue; }
    if (anchor && file.endsWith(".html") && !(ids.get(path)?.has(decodeURIComponent(anchor)))) fail(from, `missing anchor: ${url}`);
  }
  if (failures.length === brokenBefore) passed++;
  await context.close();
  for (const view of FIT_VIEWS) {
    const found = await checkFit(browser, view, origin, site.base, pages.map((f) => relative(site.dir, f)));
    for (const [file, problems] of found) {
      if (problems.length) problems.forEach((p) => fail(`${site.dir}/${file} at ${view.width} px, ${view.scheme}`, p));
      else passed++;
    }
  }
  server.close();
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS });
try {
  for (const site of sites) await checkSite(browser, site);
} finally {
  await browser.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`browser checks: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
