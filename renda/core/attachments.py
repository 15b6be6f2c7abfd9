"""Accept uploaded files by what they contain, not by what they are called."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from renda.core.models import Attachment, Congress, User


@dataclass(frozen=True)
class Kind:
    mime: str
    extension: str
    label: str


PDF = Kind("application/pdf", ".pdf", "PDF")
JPEG = Kind("image/jpeg", ".jpg", "JPEG")
PNG = Kind("image/png", ".png", "PNG")
WEBP = Kind("image/webp", ".webp", "WebP")
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word"
)
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel")
TEXT = Kind("text/plain", ".txt", "TXT")

IMAGES = frozenset({JPEG, PNG, WEBP})
DOCUMENTS = frozenset({PDF, DOCX, XLSX, TEXT})
ALL_KINDS = IMAGES | DOCUMENTS


def sniff(data: bytes) -> Kind | None:
    """Return the kind of file `data` is, judged by its bytes, or None if not one we accept."""
    guess = filetype.guess(data[:8192])
    if guess is not None:
        for kind in (PDF, JPEG, PNG, WEBP):
            if guess.mime == kind.mime:
                return kind
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
        return None
    if b"\x00" not in data:
        for encoding in ("utf-8", "gb18030"):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return TEXT
    return None


def read_upload(
    upload: UploadedFile, *, allowed: frozenset[Kind] = ALL_KINDS
) -> tuple[bytes, Kind]:
    """Read an upload and check its size and kind; raise ValidationError in Chinese if bad."""
    limit = settings.RENDA_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_("文件不能超过 %(mb)d MB。") % {"mb": limit // (1024 * 1024)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("文件不能超过 %(mb)d MB。") % {"mb": limit // (1024 * 1024)})
    if not data:
        raise ValidationError(_("文件是空的。"))
    kind = sniff(data)
    if kind is None or kind not in allowed:
        names = "、".join(sorted(k.label for k in allowed))
        raise ValidationError(
            _("无法识别的文件类型：文件内容不是允许的格式（%(names)s）。") % {"names": names}
        )
    return data, kind


@transaction.atomic
def attachment_create(
    *,
    congress: Congress,
    upload: UploadedFile,
    uploaded_by: User | None = None,
    owner: models.Model | None = None,
    allowed: frozenset[Kind] = ALL_KINDS,
) -> Attachment:
    """Check and store an uploaded file, optionally attached to `owner`."""
    data, kind = read_upload(upload, allowed=allowed)
    attachment = Attachment(
        congress=congress,
        uploaded_by=uploaded_by,
        original_name=(upload.name or "file")[:255],
        content_type=kind.mime,
        extension=kind.extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        owner_type=ContentType.objects.get_for_model(owner) if owner is not None else None,
        owner_id=owner.pk if owner is not None else None,
    )
    attachment.file.save(attachment.original_name, ContentFile(data), save=False)
    attachment.save()
    return attachment
