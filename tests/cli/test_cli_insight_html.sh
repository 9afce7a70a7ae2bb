#!/usr/bin/env bash
# The employer report (insight --format html) in a real headless browser
# (Debian's chromium), checked by reading the rendered DOM on the sample data:
# the language (<html lang>, Dutch by default, English with --lang en), the
# summary counts (per category, summing to the participants of the CSV), the
# row order (urgency: insight/attention.hpp), every participant of the CSV with
# the same points, the flag words, and the progress bars drawn to scale.
# Screenshots are kept as test artefacts in ARTEFACT_DIR.
# Usage: test_cli_insight_html.sh EDURULES_BINARY SOURCE_DIR [ARTEFACT_DIR]
# Exits 77 (ctest SKIP_RETURN_CODE) only when chromium is not installed.
set -u
bin=$1; src=$2; art=${3:-}; in=$src/examples/data/insight.json
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium not installed (Debian package chromium, see scripts/setup.sh)"; exit 77; fi
py=/usr/bin/python3; [ -x "$py" ] || py=python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ -n "$art" ] && mkdir -p "$art"
fail=0

browse() {  # browse MODE(dump-dom|screenshot) FILE OUT
  local profile; profile=$(mktemp -d "$tmp/profile.XXXXXX")
  local args=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
              --disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1400,1000)
  if [ "$1" = dump-dom ]; then
    timeout 120 "$chromium" "${args[@]}" --dump-dom "file://$2" > "$3" 2> "$tmp/chromium.err"
  else
    (cd "$tmp" && timeout 120 "$chromium" "${args[@]}" --screenshot="$3" "file://$2" > /dev/null 2> "$tmp/chromium.err")
  fi
}

# contact date lang [expected order]: the administrator's overview in Dutch and
# English, another organisation's, and a plain contact's list of dossiers.
# The FLEX-HR order is the known answer on the sample data (dossier.json).
flex_order="SEU-100222 SEU-100185 SEU-100296 SEU-100370 SEU-101406 SEU-100555 SEU-100037 SEU-100074 SEU-100259 SEU-100407 SEU-101517"
for case in "FLEX-HR 2025-06-01 nl $flex_order" "FLEX-HR 2025-06-01 en $flex_order" "BACK-ADMIN 2025-06-02 nl" \
            "FLEX-NOORD 2025-06-01 nl" "FLEX-HR 2025-09-12 nl"; do
  set -- $case; contact=$1; day=$2; lang=$3; shift 3; order="$*"; name="$contact-$day-$lang"
  langopt=(); [ "$lang" = nl ] || langopt=(--lang "$lang")  # Dutch is the default: no option
  "$bin" insight "$in" --contact "$contact" --date "$day" --format html "${langopt[@]}" --output "$tmp/$name.html" \
    || { echo "FAIL $name: html exit $?"; fail=$((fail+1)); continue; }
  "$bin" insight "$in" --contact "$contact" --date "$day" --format csv --output "$tmp/$name.csv" \
    || { echo "FAIL $name: csv exit $?"; fail=$((fail+1)); continue; }
  # The same page with a measuring script appended (the page itself has none):
  # it writes each bar's drawn width ratio into the DOM for --dump-dom.
  "$py" - "$tmp/$name.html" "$tmp/$name.measure.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
probe = """<script>
for (const tr of document.querySelectorAll('tr.participant')) {
  const bar = tr.querySelector('.bar'), fill = tr.querySelector('.fill');
  if (bar && fill) tr.setAttribute('data-drawn', (fill.getBoundingClientRect().width / bar.getBoundingClientRect().width).toFixed(4));
  tr.setAttribute('data-height', tr.getBoundingClientRect().height.toFixed(1));
}
</script></body>"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", probe))
PY
  if ! browse dump-dom "$tmp/$name.html" "$tmp/$name.dom.html" || ! browse dump-dom "$tmp/$name.measure.html" "$tmp/$name.measured.html"; then
    echo "FAIL $name: chromium failed"; tail -5 "$tmp/chromium.err"; fail=$((fail+1)); continue
  fi
  if "$py" "$src/tests/cli/check_insight_dom.py" "$lang" "$tmp/$name.csv" "$tmp/$name.dom.html" "$tmp/$name.measured.html" $order
  then echo "ok   $name"; else echo "FAIL $name"; fail=$((fail+1)); fi
done

# Screenshots render to real PNGs, kept as artefacts (the Dutch and English overview).
for lang in nl en; do
  "$bin" insight "$in" --contact FLEX-HR --date 2025-06-01 --format html --lang "$lang" --output "$tmp/shot-$lang.html"
  browse screenshot "$tmp/shot-$lang.html" "$tmp/shot-$lang.png"
  if [ -s "$tmp/shot-$lang.png" ] && [ "$(head -c 8 "$tmp/shot-$lang.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
    echo "ok   screenshot-$lang"
    if [ -n "$art" ]; then
      cp "$tmp/shot-$lang.png" "$art/insight-report-$lang.png"; cp "$tmp/shot-$lang.html" "$art/insight-report-$lang.html"
      echo "     kept $art/insight-report-$lang.png"
    fi
  else
    echo "FAIL screenshot-$lang"; tail -5 "$tmp/chromium.err"; fail=$((fail+1))
  fi
done
[ "$fail" -eq 0 ]
