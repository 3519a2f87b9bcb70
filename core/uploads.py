"""Checks for uploaded documents (fund attachments, task evidence): the extension, the content's
first bytes and the size must all agree, so a renamed executable never passes as a scanned receipt."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# extension → (content type, signatures the file must start with)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def sniff_content_type(upload) -> str | None:
    """The type the file's content shows (PDF, JPEG or PNG), or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, signatures in DOCUMENT_TYPES.values():
        if any(head.startswith(sig) for sig in signatures):
            return content_type
    return None


def check_document(upload, *, field: str = "file", max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Validate an uploaded PDF/JPG/PNG and return its content type; ``ValidationError`` on ``field`` otherwise."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in DOCUMENT_TYPES:
        raise ValidationError({field: _("Attach a PDF, JPG or PNG file.")})
    if upload.size > max_bytes:
        raise ValidationError(
            {
                field: _("The file is %(size)s MB; at most %(limit)s MB is allowed.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": max_bytes // 1048576}
            }
        )
    if upload.size == 0:
        raise ValidationError({field: _("The file is empty.")})
    content_type = DOCUMENT_TYPES[ext][0]
    if sniff_content_type(upload) != content_type:
        raise ValidationError({field: _("The content of the file is not a real PDF, JPG or PNG.")})
    return content_type
