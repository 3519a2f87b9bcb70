"""One way to send a document to the browser: Excel workbooks, PDFs and stored files.

Download names say what and when (``bao-cao-6-thang-2022-thon-1.pdf``): build them with
``document_name`` from readable parts, never from database ids.
"""

from django.http import FileResponse, HttpResponse

from .text import ascii_slug

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CONTENT_TYPES = {"xlsx": XLSX, "pdf": PDF}


def document_name(*parts, ext: str) -> str:
    """``document_name("Báo cáo 6 tháng", 2022, "Thôn 1", ext="pdf")`` → ``bao-cao-6-thang-2022-thon-1.pdf``."""
    words = [ascii_slug(str(p).replace("/", " ")) for p in parts if p not in (None, "")]  # "1/6" → "1-6"
    return "-".join(w for w in words if w) + f".{ext}"


def _disposition(filename: str, inline: bool) -> str:
    kind = "inline" if inline else "attachment"
    stem, dot, ext = filename.rpartition(".")
    safe = f"{ascii_slug(stem)}.{ext}" if dot else ascii_slug(filename)
    return f'{kind}; filename="{safe}"'


def download(content: bytes, filename: str, *, inline: bool | None = None, content_type: str | None = None):
    """``content`` as a download named ``filename``; PDFs open in the browser, workbooks download."""
    ext = filename.rsplit(".", 1)[-1].lower()
    content_type = content_type or CONTENT_TYPES.get(ext, "application/octet-stream")
    inline = (ext == "pdf") if inline is None else inline
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = _disposition(filename, inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def file_download(handle, filename: str, *, content_type: str | None = None, inline: bool = False) -> FileResponse:
    """A file (a temporary workbook, a stored attachment) streamed to the browser."""
    ext = filename.rsplit(".", 1)[-1].lower()
    response = FileResponse(handle, content_type=content_type or CONTENT_TYPES.get(ext, "application/octet-stream"))
    response["Content-Disposition"] = _disposition(filename, inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response
