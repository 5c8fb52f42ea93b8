#!/usr/bin/env bash
# Seeds the fuzz corpora from what the repository already holds: every scene file, every
# example in the docs, and every formula the TeX tests use. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/scene corpus/scene_parse corpus/tex corpus/color corpus/diagnostic
for f in ../scenes/*/*.scene ../scenes/*/*/*.scene; do
  [ -f "$f" ] || continue
  n=$(basename "$f" .scene)
  cp "$f" "corpus/scene/$n"
  cp "$f" "corpus/scene_parse/$n"
  printf 'AAAA' | cat - "$f" > "corpus/diagnostic/$n"
done
# Fenced examples of the language reference (```scene blocks or plain ``` blocks with `scene`).
awk '/^```/{if(inb){close(out);inb=0}else{inb=1;k++;out=sprintf("corpus/scene/doc%03d",k)};next} inb{print > out}' ../docs/scene-language.md
cp corpus/scene/doc* corpus/scene_parse/ 2>/dev/null || true
# Formulas: the first string of every tex(…) call in the scenes, one per file.
{ grep -hoE 'tex\(r?"[^"]*"' ../scenes/*/*.scene || true; } | sed -E 's/^tex\(r?"//; s/"$//' | sort -u | awk '{f=sprintf("corpus/tex/s%04d",NR); print > f; close(f)}'
if [ -f ../tests/reference/tex-corpus/formulas.tsv ]; then
  cut -f2 ../tests/reference/tex-corpus/formulas.tsv | awk '{f=sprintf("corpus/tex/k%04d",NR); printf "%s", $0 > f; close(f)}'
fi
for c in RED BLUE_E '#ff0000' '#FFF' '#12345678' 'dark_blue' '#aéaaa'; do printf '%s' "$c" > "corpus/color/$(echo -n "$c" | md5sum | cut -c1-8)"; done
echo "seeded: $(ls corpus/scene | wc -l) scenes, $(ls corpus/tex | wc -l) formulas"
