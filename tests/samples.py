"""Small real files for tests: PDFs and pictures that the publishing boundary (terang.privacy.media) can open."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PageObject, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def one_page(text: str = "Naskah peraturan", compress: bool = True) -> tuple[PdfWriter, PageObject]:
    """A PDF writer with one page showing `text` (in a FlateDecode content stream unless `compress` is False)."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 10 Tf 10 100 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode() if compress else stream)
    return writer, page


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf(text: str = "Naskah peraturan", size: int | None = None, compress: bool = True, **metadata: str) -> bytes:
    """A one-page PDF showing `text`; `size` pads it (in its metadata, with letters) to exactly that many bytes."""
    def made(padding: int) -> bytes:
        writer, _ = one_page(text, compress)
        info = {f"/{key}": value for key, value in metadata.items()}
        if padding:
            info["/Keywords"] = "x" * padding
        if info:
            writer.add_metadata(info)
        return written(writer)

    data, padding = made(0), 1
    for _ in range(5):  # the padding moves the cross-reference offsets, whose digits can grow: a few steps settle it
        if size is None or len(data) == size:
            return data
        padding = max(1, padding + size - len(made(padding)))
        data = made(padding)
    assert size is None or len(data) == size, (len(data), size)
    return data


def picture(kind: str = "PNG", size: tuple[int, int] = (40, 30), **options: object) -> bytes:
    """A small picture in `kind` (PNG, JPEG, WEBP, GIF); `options` go to Pillow's save (exif=, pnginfo=, comment=...)."""
    image = Image.new("RGB", size, (0, 80, 160))
    image.putpixel((1, 1), (250, 10, 10))
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()
