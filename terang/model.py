"""Frozen dataclasses that flow between the build stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: an outlet or document (name), optionally the title of the article or
    document, its URL, its date and the date it was read online (accessed, only with a URL)."""

    name: str
    url: str = ""
    date: dt.date | None = None
    title: str = ""
    accessed: dt.date | None = None


@dataclass(frozen=True)
class Body:
    """A Markdown body and where it starts in its file, so errors can name the line."""

    path: str
    line: int
    text: str


@dataclass(frozen=True)
class NewsItem:
    slug: str
    path: str
    title: str
    date: dt.date
    summary: str
    topics: tuple[str, ...]
    body: Body
    image: str = ""
    image_alt: str = ""
    draft: bool = False
    sources: tuple[Source, ...] = ()
    regulations: tuple[str, ...] = ()
    kind: str = "berita"


@dataclass(frozen=True)
class Regulation:
    slug: str
    path: str
    jenis: str
    nomor: str
    tahun: int
    tentang: str
    status: str
    body: Body
    singkatan: str = ""
    tanggal_penetapan: dt.date | None = None
    berkas: str = ""
    summary: str = ""
    sources: tuple[Source, ...] = ()
    kind: str = "regulasi"
    tanggal_pengundangan: dt.date | None = None
    tempat_terbit: str = ""
    teu_badan: str = ""
    bidang_hukum: str = ""
    subjek: tuple[str, ...] = ()
    bahasa: str = "Bahasa Indonesia"
    mengubah: tuple[str, ...] = ()  # slugs of regulations this one amends
    mencabut: tuple[str, ...] = ()  # slugs of regulations this one repeals
    berkas_bytes: int = 0  # size of the PDF in berkas, shown beside its link

    @property
    def title(self) -> str:
        """'Peraturan Bupati Contoh Nomor 1 Tahun 2024'."""
        return f"{self.jenis} Nomor {self.nomor} Tahun {self.tahun}"

    @property
    def short_title(self) -> str:
        """'Perbup 59/2025', falling back to the full title."""
        return f"{self.singkatan} {self.nomor}/{self.tahun}" if self.singkatan else self.title


@dataclass(frozen=True)
class Page:
    slug: str
    path: str
    title: str
    body: Body
    summary: str = ""
    order: int = 100
    draft: bool = False
    kind: str = "halaman"
    question: str = ""  # pertanyaan: the citizen's question this page answers, asked on the home page
    parent: str = ""  # induk: the slug of the page this one is listed under (one level deep)
    table: str = ""  # tabel + baris: the table row whose count this page shows ("Nelayan" of peserta-per-segmen)
    row: str = ""
    notice: tuple[str, ...] = ()  # pengumuman: short points for the printable notice-board page
    key_lines: tuple[tuple[str, int], ...] = ()  # front matter key -> line, for checks across files

    def line(self, key: str) -> int:
        return dict(self.key_lines).get(key, 1)


NUMBERS = ("bilangan", "desimal", "persen", "rupiah")  # column kinds that hold numbers; only bilangan (counts) is summed


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str  # "teks", "bilangan", "desimal", "persen", "rupiah", "tanggal", "wilayah" (Kemendagri code) or "periode" (YYYY-MM)
    negative: bool = False  # negatif: boleh (a number column that may hold values below zero)

    @property
    def is_number(self) -> bool:
        """A column of numbers: right-aligned on pages, a Table Schema number or integer in downloads."""
        return self.kind in NUMBERS


@dataclass(frozen=True)
class Suppressed:
    """A hidden cell of a participant aggregate: '<5' (a small count) or '×' (hidden to protect one)."""

    primary: bool
    threshold: int

    def __str__(self) -> str:
        return f"<{self.threshold}" if self.primary else "×"


@dataclass(frozen=True)
class Dataset:
    """A coverage table from data/, already checked against its declared columns."""

    id: str
    path: str
    title: str
    description: str
    date: dt.date
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    data_file: str
    sources: tuple[Source, ...] = ()
    legal_basis: str = ""
    note: str = ""
    target: str = ""  # the column holding targets ("sasaran"), if any
    synthetic: bool = False  # generated test data, labelled SIMULASI wherever shown
    aggregate: bool = False  # counted from participant files in data/mentah/, small cells hidden
    threshold: int = 0  # aggregates: counts below this are hidden
    stated: tuple[Figure, ...] = ()  # key figures this table's source states too, checked against data/angka_kunci.yml
    found_at: str = ""  # where in its file the table was found, when not plain to see (terang.data.tables.found_at)
    # Satu Data Indonesia metadata the yml gives (terang.inputs.fields.SDI): (key, value) in declared order
    sdi: tuple[tuple[str, str], ...] = ()

    def column_total(self, name: str) -> int:
        """Sum of a column; aggregates sum their published total rows, hidden cells count as nothing."""
        index = [c.name for c in self.columns].index(name)
        rows = [r for r in self.rows if self.is_total_row(r)] if self.aggregate else self.rows
        return sum(row[index] for row in rows if isinstance(row[index], int))

    def is_total_row(self, row: tuple[Any, ...]) -> bool:
        """Aggregates carry a 'Jumlah' row per month: its region code is empty."""
        return self.aggregate and row[1] == ""

    @property
    def numeric_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == "bilangan")

    @property
    def count_column(self) -> Column | None:
        """The column that an announced total breaks down into: the first numeric one that is not a target.

        Participant aggregates add up in their last column, 'jumlah'.
        """
        numeric = self.numeric_columns[-1:] if self.aggregate else self.numeric_columns
        return next((c for c in numeric if c.name != self.target), None)


@dataclass(frozen=True)
class Figure:
    """An announced key figure ("angka kunci") with its source and date."""

    id: str
    path: str
    label: str
    value: int
    unit: str
    date: dt.date
    sources: tuple[Source, ...] = ()
    legal_basis: str = ""
    breakdown: str = ""
    description: str = ""
    note: str = ""
    estimate: bool = False
    line: int = 0
    formula: str = ""  # rumus: computed from other figures (terang.data.formula), its history follows theirs


@dataclass(frozen=True)
class Audit:
    """An announced figure checked against the sum of the table that breaks it down."""

    figure: Figure
    dataset: Dataset
    column: str
    summed: int

    @property
    def difference(self) -> int:
        return self.summed - self.figure.value

    @property
    def matches(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class Conflict:
    """The same figure stated with another value in another file: both are published."""

    figure: Figure
    other: Figure

    @property
    def difference(self) -> int:
        return self.other.value - self.figure.value


@dataclass(frozen=True)
class Change:
    """One entry of the change log data/riwayat.yml: a published figure that changed."""

    figure_id: str
    date: dt.date
    old: int
    new: int
    reason: str
    line: int = 0


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str


@dataclass(frozen=True)
class Contact:
    """An official contact (kontak_resmi in situs.yml): published only with the source it was checked against."""

    name: str
    sources: tuple[Source, ...]
    phones: tuple[str, ...] = ()
    email: str = ""
    address: str = ""
    url: str = ""
    hours: str = ""


@dataclass(frozen=True)
class Config:
    """The site config (situs.yml) plus command-line overrides."""

    title: str
    description: str
    publisher: str
    base_url: str = ""
    language: str = "id"
    licence: str = ""
    menu: tuple[MenuItem, ...] = ()
    programme_summary: str = ""
    home_figures: tuple[str, ...] = ()
    legal_basis: str = ""
    news_on_home: int = 3
    official_phones: tuple[str, ...] = ()  # phone numbers the privacy scan lets through
    build_date: dt.date | None = None
    news_per_page: int = 10
    share_image: str = ""  # under content/, shown when a link is shared (Open Graph)
    share_image_alt: str = ""
    short_title: str = ""  # judul_pendek: the site's name in the phone header
    contacts: tuple[Contact, ...] = ()  # kontak_resmi written as mappings: shown on home and in every footer
    contact_page: str = ""  # halaman_kontak: the plain page about whom to ask

    @property
    def name(self) -> str:
        """The short name where space is scarce (phone header, share images)."""
        return self.short_title or self.title


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site: bytes to write, or a source file to copy."""

    path: str  # relative to the site root, with forward slashes
    origin: str  # the input that made it, for collision errors
    data: bytes = b""
    source: str = ""  # absolute path of a file to copy as it is
    written: bool = False  # already in the staging folder (pages are written as they are rendered)
