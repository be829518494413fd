"""What a reader of a published picture or PDF can see, read with Pillow and pypdf; pictures rewritten without metadata.

Pure functions of a file's bytes. A file is judged by what it is (its first bytes), not by its
name: a `.pdf` that is a ZIP archive or a `.png` that is no PNG is refused. Pictures are decoded
and encoded again, so nothing but their pixels (and what is needed to show them: transparency,
frame timing) is published; the same bytes in give the same bytes out.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageSequence, JpegImagePlugin

from terang.privacy import svg
from terang.privacy.svg import Refused

MAX_BYTES = 50 * 1024 * 1024  # a file of content/; a long scanned regulation is a few MB
MAX_PIXELS = 50_000_000  # width × height of a picture (a 50-megapixel photo)
PICTURES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
PUBLISHED = {*PICTURES, ".svg", ".pdf"}
KEPT_INFO = ("transparency", "duration", "loop", "background", "disposal")  # needed to show a picture
# First bytes of containers whose contents no scan here could see.
CONTAINERS = {b"PK\x03\x04": "ZIP", b"PK\x05\x06": "ZIP", b"PK\x07\x08": "ZIP", b"\xd0\xcf\x11\xe0": "Office lama (OLE)",
              b"Rar!": "RAR", b"7z\xbc\xaf": "7z", b"\x1f\x8b": "gzip"}
LABELS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF"}

logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its notes on a file's syntax are English; the build says its own


@dataclass(frozen=True)
class Media:
    """What a reader sees besides the picture itself, and the bytes to publish."""

    texts: tuple[tuple[str, str], ...]  # (where, text): 'halaman 2' with a PDF page's text, 'metadata gambar'...
    data: bytes | None  # the file to publish, or None to publish the file as it is


def sniff(data: bytes) -> str:
    """What the bytes are: 'PNG', 'JPEG', 'GIF', 'WEBP', 'PDF', a container's name ('ZIP'...), or ''."""
    for magic, name in CONTAINERS.items():
        if data.startswith(magic):
            return name
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data.startswith(b"%PDF-"):
        return "PDF"
    return ""


def inspect(suffix: str, data: bytes) -> Media:
    """A content/ file of an allowed suffix read as a reader would see it; raises Refused with the reason and the fix."""
    if len(data) > MAX_BYTES:
        raise Refused(f"berkas ini lebih dari {MAX_BYTES // 1024 // 1024} MB; perkecil ukurannya (misalnya kompres PDF atau gambarnya)")
    if suffix == ".svg":
        cleaned = svg.clean(data)
        return Media((("teks SVG", cleaned.decode("utf-8")),), cleaned)
    kind = sniff(data)
    if _is_zip(data) and kind not in PICTURES.values():
        kind = "ZIP"  # an archive behind another file's first bytes (a PDF that is also a ZIP)
    if kind in CONTAINERS.values():
        raise Refused(f"berkas ini sebenarnya arsip {kind} (misalnya dokumen Office) yang isinya tidak dapat diperiksa; "
                      "ubah menjadi PDF lalu terbitkan PDF-nya")
    if suffix == ".pdf":
        if kind != "PDF":
            raise Refused("berkas ini bukan PDF; simpan ulang dokumennya sebagai PDF")
        return Media(pdf_texts(data), None)
    wanted = PICTURES[suffix]
    if kind != wanted:
        raise Refused(f"berkas ini bukan gambar {LABELS[wanted]} walau namanya {suffix}; simpan ulang sebagai {suffix} atau ganti akhiran namanya")
    return picture(data, wanted)


def _is_zip(data: bytes) -> bool:
    try:
        return zipfile.is_zipfile(io.BytesIO(data))
    except (OSError, ValueError):
        return False


def pdf_texts(data: bytes) -> tuple[tuple[str, str], ...]:
    """Text of every page, annotations, bookmarks, form values and metadata of a PDF; raises Refused."""
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Refused("PDF ini dikunci dengan kata sandi sehingga isinya tidak dapat diperiksa; simpan ulang tanpa kata sandi")
            catalog = reader.trailer["/Root"].get_object()
            _refuse_active(catalog)
            texts = [(f"halaman {number}", page.extract_text() or "") for number, page in enumerate(reader.pages, start=1)]
            texts += [(f"catatan halaman {number}", note) for number, page in enumerate(reader.pages, start=1) for note in _notes(page)]
            texts += [("metadata dokumen", f"{key} {value}") for key, value in (reader.metadata or {}).items()]
            xmp = catalog.get("/Metadata")
            if xmp is not None:
                texts.append(("metadata dokumen", _decoded(xmp.get_object().get_data())))
            texts += [("penanda (bookmark)", title) for title in _titles(reader.outline)]
            texts += [("isian formulir", str(field.get("/V", ""))) for field in (reader.get_fields() or {}).values()]
    except Refused:
        raise
    except Exception:  # noqa: BLE001 - a hostile file can break a parser anywhere; none of its text is shown
        raise Refused("PDF ini rusak atau tidak dapat dibaca sehingga isinya tidak dapat diperiksa; "
                      "buka lalu simpan ulang sebagai PDF (misalnya Cetak > Simpan sebagai PDF)") from None
    return tuple((where, text) for where, text in texts if text.strip())


def _refuse_active(catalog: object) -> None:
    """Attached files (a spreadsheet inside the PDF) and JavaScript are refused: no scan sees into them."""
    names = catalog.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/EmbeddedFiles" in names:
        raise Refused("PDF ini memuat lampiran (berkas di dalam PDF) yang tidak dapat diperiksa; simpan ulang PDF tanpa lampiran")
    action = catalog.get("/OpenAction")
    action = action.get_object() if action is not None else None
    if "/JavaScript" in names or "/AA" in catalog or (hasattr(action, "get") and action.get("/S") == "/JavaScript"):
        raise Refused("PDF ini memuat JavaScript; simpan ulang tanpa skrip (misalnya Cetak > Simpan sebagai PDF)")


def _notes(page: object) -> list[str]:
    """The comments and their authors in a page's annotations."""
    found = []
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        found += [str(annotation.get(key)) for key in ("/Contents", "/T") if annotation.get(key) is not None]
    return found


def _titles(outline: object) -> list[str]:
    if isinstance(outline, list):
        return [title for item in outline for title in _titles(item)]
    title = getattr(outline, "title", None)
    return [str(title)] if title else []


def pdf_text(data: bytes) -> str:
    """A PDF as one text, for the output firewall; a PDF that cannot be read is given as its raw bytes."""
    try:
        return "\n".join(text for _, text in pdf_texts(data))
    except Refused:
        return data.decode("latin-1")


def _decoded(value: bytes) -> str:
    """Bytes of a metadata field as text; NUL bytes are dropped, so UTF-16 digits (EXIF UserComment, XPComment) read as digits."""
    return value.replace(b"\0", b"").decode("utf-8", "replace")


def picture(data: bytes, kind: str) -> Media:
    """A picture's metadata texts and its pixels encoded again without them; raises Refused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
            if image.width * image.height > MAX_PIXELS:
                raise Refused(f"gambar ini {image.width}×{image.height} piksel, lebih dari {MAX_PIXELS // 1_000_000} juta piksel; perkecil gambarnya")
            frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
            texts = _picture_texts(image, frames)
            return Media(texts, _encoded(image, frames, kind, data))
    except Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(f"gambar ini lebih dari {MAX_PIXELS // 1_000_000} juta piksel; perkecil gambarnya") from None
    except Exception:  # noqa: BLE001 - a hostile file can break a decoder anywhere; none of its text is shown
        raise Refused(f"gambar {LABELS[kind]} ini rusak atau tidak dapat dibaca; buka lalu simpan ulang di program gambar") from None


def _picture_texts(image: Image.Image, frames: list[Image.Image]) -> tuple[tuple[str, str], ...]:
    """Every text a picture carries: PNG text chunks, EXIF (with its sub-IFDs), XMP, comments, JPEG APP segments."""
    texts: list[str] = []
    for info in [image.info, *(frame.info for frame in frames)]:
        texts += [f"{key} {_value(value)}" for key, value in info.items() if key not in ("exif", "icc_profile")]
    texts += [f"{key} {_value(value)}" for key, value in getattr(image, "text", {}).items()]  # PNG chunks after the pixels
    exif = image.getexif()
    for ifd in (exif, *(exif.get_ifd(tag) for tag in (0x8769, 0x8825, 0xA005))):
        texts += [_value(value) for value in ifd.values()]
    texts += [_decoded(segment) for _, segment in getattr(image, "applist", [])]  # IPTC captions, XMP, comments
    return tuple(("metadata gambar", text) for text in dict.fromkeys(texts) if text.strip())


def _value(value: object) -> str:
    if isinstance(value, bytes):
        return _decoded(value)
    if isinstance(value, (tuple, list)):
        return " ".join(_value(v) for v in value)
    return str(value)


def _encoded(image: Image.Image, frames: list[Image.Image], kind: str, data: bytes) -> bytes:
    """The picture's frames encoded again in its own format, with nothing but what showing it needs."""
    cleaned = [_bare(frame, image.info) for frame in frames]
    if len(cleaned) == 1:
        cleaned[0] = _bare(_srgb(_upright(image, frames[0]), image.info.get("icc_profile")), image.info)
    options: dict[str, object] = {}
    if kind == "JPEG":
        options = {"qtables": image.quantization, "optimize": False}  # the original's quality, without a second loss
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling != -1:
            options["subsampling"] = sampling
    elif kind == "WEBP":
        options = {"lossless": data[12:16] == b"VP8L" or b"VP8L" in data[12:64] and b"VP8 " not in data[12:64], "quality": 90, "method": 4}
    elif kind == "PNG":
        options = {"optimize": False}
    if len(cleaned) > 1:
        options.update(save_all=True, append_images=cleaned[1:], duration=[f.info.get("duration", 100) for f in frames])
    out = io.BytesIO()
    cleaned[0].save(out, kind, **options)
    return out.getvalue()


def _bare(frame: Image.Image, info: dict) -> Image.Image:
    """A copy of a frame that carries only the information needed to show it."""
    copy = frame.copy()
    copy.info = {key: info[key] for key in KEPT_INFO if key in info}
    copy.info.update({key: frame.info[key] for key in KEPT_INFO if key in frame.info})
    return copy


def _upright(image: Image.Image, frame: Image.Image) -> Image.Image:
    """The frame turned as the EXIF orientation of the original says: the tag itself is not published."""
    orientation = image.getexif().get(0x0112, 1)
    method = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
              5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}.get(orientation)
    return frame.transpose(method) if method is not None else frame


def _srgb(frame: Image.Image, profile: bytes | None) -> Image.Image:
    """Colours in an embedded ICC profile turned into sRGB (the profile itself is not published)."""
    if not profile or frame.mode not in ("RGB", "RGBA"):
        return frame
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(frame, source, ImageCms.createProfile("sRGB"), outputMode=frame.mode) or frame
    except (ImageCms.PyCMSError, OSError, ValueError):
        return frame
