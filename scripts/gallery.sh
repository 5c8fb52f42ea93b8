#!/usr/bin/env bash
# Regenerates docs/gallery/*.gif (480p, 15 fps, rendered by valley) and docs/gallery.md.
# Usage: scripts/gallery.sh   (from the repository root; builds valley in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
V=target/release/valley
mkdir -p docs/gallery
out=docs/gallery.md
{
  echo "# Gallery"
  echo
  echo "Every scene, rendered by valley itself as a GIF (854×480, 15 fps). Regenerate all of them with"
  echo "\`scripts/gallery.sh\`; each entry shows the command that made it."
  echo
  echo "The scenes from \`scenes/examples/manim/\` are ports of Manim CE's example gallery and"
  echo "\`example_scenes/basic.py\`; each file's first comment names the Manim example and any"
  echo "workaround. They were compared frame by frame with Manim CE 0.22's own \`-ql\` renders, and"
  echo "\`tests/manim_gallery.rs\` keeps golden frames of each."
  echo
} > "$out"
for f in scenes/gradient_descent/*.scene scenes/examples/*.scene scenes/examples/manim/*.scene; do
  for s in $($V check "$f" | sed -n 's/.*: scene \([A-Za-z0-9_]*\) ok.*/\1/p'); do
    $V render "$f" "$s" -ql --format gif -o "docs/gallery/$s.gif" > /dev/null
    size=$(du -k "docs/gallery/$s.gif" | cut -f1)
    {
      echo "## $s"
      echo
      echo "![$s](gallery/$s.gif)"
      echo
      echo "\`valley render $f $s -ql --format gif\` (${size} KB)"
      echo
    } >> "$out"
    echo "$s: ${size} KB"
  done
done
echo "total: $(du -ck docs/gallery/*.gif | tail -1 | cut -f1) KB"
