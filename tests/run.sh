#!/usr/bin/env bash
# Every test: the Rust suites, then the browser quality gates on the example playbook and every
# good fixture (Nu HTML checker, links and anchors, console and request errors, axe in light
# and dark mode, page fit at 375 and 1280 px). Installs Chromium, Java, Thai, CJK and emoji fonts
# and the npm packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v java >/dev/null || need_apt+=(default-jre-headless)
command -v node >/dev/null || need_apt+=(nodejs npm)
# Fonts for every script the fixtures use, so screenshots and widths are those of real glyphs:
# Thai, Chinese and Japanese, and colour emoji (a stage may be named `✈️`).
# grep reads the whole list: `grep -q` stops at the first match, and fc-list, cut off, fails
# the pipeline under pipefail, which would install the fonts again.
fonts() { command -v fc-list >/dev/null && fc-list | grep -i "$1" >/dev/null; }
fonts tlwg || need_apt+=(fontconfig fonts-thai-tlwg)
fonts "Noto Sans CJK" || need_apt+=(fontconfig fonts-noto-cjk)
fonts "Noto Color Emoji" || need_apt+=(fontconfig fonts-noto-color-emoji)
if ((${#need_apt[@]})); then
  echo "Installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# The npm packages: the browser checks' and the CommonMark spec that tests/suite/commonmark.rs reads.
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -f tests/browser/node_modules/commonmark-spec/spec.txt ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts)
fi

cargo test --locked

# Build the sites the browser checks look at, with the binary the tests just built.
bin=target/debug/journeybook
sites=tests/artifacts/sites
rm -rf "$sites"
mkdir -p "$sites"
"$bin" build --output "$sites/example"
args=("$sites/example")
for fixture in tests/fixtures/good/*/; do
  name=$(basename "$fixture")
  base=/
  if [ -f "$fixture/journeybook.yaml" ]; then
    base=$(sed -n 's/^base_url: *//p' "$fixture/journeybook.yaml" | tr -d "\"'" | sed -E 's#^https?://[^/]+##')
  fi
  "$bin" build --source "$fixture" --output "$sites/$name" --drafts
  args+=("$sites/$name=${base:-/}")
done
# History pages need a repository with tags: the example, committed twice, one emotion
# changed in between.
history=$(mktemp -d)
trap 'rm -rf "$history"' EXIT
cp -r journeybook.yaml content "$history/"
git_in() { git -C "$history" -c user.name=journeybook -c user.email=tests@localhost "$@"; }
git_in init -q
git_in add -A
git_in commit -qm "First version"
git_in tag v1
sed -i '0,/emotion: 3$/s//emotion: 4/' "$history/content/journeys/snack-box.yaml"
git_in commit -qam "Happier awareness"
git_in tag v2
"$bin" build --source "$history" --output "$sites/history" --history
args+=("$sites/history")

node tests/browser/check.mjs --shots tests/artifacts/screenshots "${args[@]}"
