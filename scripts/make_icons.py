"""Draw the app icons (static/img/icon-*.png) from the brand mark of static/img/favicon.svg with
Pillow: run once after changing the mark (`python scripts/make_icons.py`)."""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "img"
BLUE = "#0b5394"


def mark(size: int, *, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:  # full bleed, the mark inside the safe zone (80 %)
        d.rectangle([0, 0, big, big], fill=BLUE)
        k, off = big / 256 * 0.72, big * 0.14
    else:
        d.rounded_rectangle([0, 0, big - 1, big - 1], radius=56 * big / 256, fill=BLUE)
        k, off = big / 256, 0

    def p(x, y):
        return (off + x * k, off + y * k)

    def circle(cx, cy, r, fill):
        (x0, y0), (x1, y1) = p(cx - r, cy - r), p(cx + r, cy + r)
        d.ellipse([x0, y0, x1, y1], fill=fill)

    circle(86, 90, 50, "white")
    circle(170, 90, 50, "white")
    d.polygon([p(38, 112), p(218, 112), p(128, 222)], fill="white")
    d.rectangle([*p(86, 60), *p(170, 120)], fill="white")
    circle(128, 92, 22, BLUE)
    (x0, y0), (x1, y1) = p(88, 120), p(168, 196)
    d.pieslice([x0, y0, x1, y1], 180, 360, fill=BLUE)
    return img.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    for size in (192, 512):
        mark(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
    mark(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
