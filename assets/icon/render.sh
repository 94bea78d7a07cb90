#!/usr/bin/env bash
# Renders assets/icon/hoglink.svg into the per-OS icons the installers use. Needs rsvg-convert
# (librsvg2-bin), ImageMagick (convert) and png2icns (icnsutils). The renderings are committed,
# so a build never needs these tools; run this only after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" hoglink.svg -o "hoglink-$s.png"
done
cp hoglink-256.png hoglink.png
convert hoglink-16.png hoglink-32.png hoglink-48.png hoglink-64.png hoglink-256.png hoglink.ico
png2icns hoglink.icns hoglink-16.png hoglink-32.png hoglink-128.png hoglink-256.png hoglink-512.png >/dev/null
rm -f hoglink-64.png
ls -l hoglink*
