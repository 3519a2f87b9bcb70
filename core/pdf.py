"""PDF rendering with WeasyPrint and the fonts shipped in static/fonts (Tinos: metric-compatible
with Times New Roman, with Vietnamese glyphs), so output does not depend on the host's fonts.

Templates extend ``pdf/base.html`` (A4 portrait, Decree 30/2020 margins, page numbers from page 2)
and, for official documents, include ``pdf/_official_header.html`` and ``pdf/_signature.html``.
"""

from django.conf import settings
from django.template.loader import render_to_string

from .downloads import download

FONT_DIR = settings.BASE_DIR / "static" / "fonts"


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it is heavy and only PDF views need it

    html = render_to_string(template_name, {**context, "font_dir": FONT_DIR.as_uri()}, request=request)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(template_name: str, context: dict, *, filename: str, request=None, inline: bool = True):
    """A rendered PDF as a download (opened in the browser unless ``inline=False``)."""
    return download(render_pdf(template_name, context, request=request), filename, inline=inline)
