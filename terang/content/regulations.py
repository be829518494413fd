"""Regulations as legal documents: relations between them, filters, JSON-LD and the JDIHN feed.

A regulation names the ones it amends (`mengubah`) or repeals (`mencabut`); the other side
("diubah oleh", "dicabut oleh") is derived here, so an editor writes each relation once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from terang import urls
from terang.errors import Problem
from terang.inputs.schema import suggest
from terang.model import Dataset, Figure, NewsItem, Regulation

LEGAL_FORCE = {"berlaku": "InForce", "diubah": "PartiallyInForce", "dicabut": "NotInForce"}
JDIHN_STATUS = {"berlaku": "Berlaku", "diubah": "Berlaku (diubah)", "dicabut": "Tidak Berlaku (dicabut)"}


@dataclass(frozen=True)
class Relations:
    """Both directions of every relation between regulations in the site."""

    amends: tuple[Regulation, ...]
    repeals: tuple[Regulation, ...]
    amended_by: tuple[Regulation, ...]
    repealed_by: tuple[Regulation, ...]


def relations(regulations: Iterable[Regulation], reg: Regulation) -> Relations:
    """The regulations `reg` amends and repeals, and those that amend or repeal it."""
    every = tuple(regulations)
    by_slug = {r.slug: r for r in every}
    return Relations(
        amends=tuple(by_slug[s] for s in reg.mengubah if s in by_slug),
        repeals=tuple(by_slug[s] for s in reg.mencabut if s in by_slug),
        amended_by=tuple(r for r in every if reg.slug in r.mengubah),
        repealed_by=tuple(r for r in every if reg.slug in r.mencabut),
    )


def relation_problems(regulations: list[Regulation], line: Callable[[str, str], int], known: set[str]) -> list[Problem]:
    """Relations must name existing regulations, and the status must agree with them.

    `line(path, key)` gives the file line of a front-matter key, for the message; `known` holds
    every regulation slug, also of files with other mistakes, so one mistake is reported once.
    """
    slugs = sorted(known)
    problems = []
    for reg in regulations:
        for key in ("mengubah", "mencabut"):
            for slug in getattr(reg, key):
                if slug == reg.slug:
                    problems.append(Problem(reg.path, line(reg.path, key), f"'{key}' tidak boleh menyebut peraturan ini sendiri ('{slug}')"))
                elif slug not in slugs:
                    problems.append(Problem(reg.path, line(reg.path, key), f"'{key}': regulasi '{slug}' tidak ada di content/regulasi/" + suggest(slug, slugs, "regulasi yang ada")))
    for reg in regulations:
        rel = relations(regulations, reg)
        if rel.repealed_by and reg.status != "dicabut":
            by = rel.repealed_by[0]
            problems.append(Problem(reg.path, line(reg.path, "status"), f"status '{reg.status}' tidak cocok: peraturan ini dicabut oleh {by.short_title} ({by.path}); ubah menjadi 'status: dicabut'"))
        elif rel.amended_by and reg.status == "berlaku":
            by = rel.amended_by[0]
            problems.append(Problem(reg.path, line(reg.path, "status"), f"status 'berlaku' tidak cocok: peraturan ini diubah oleh {by.short_title} ({by.path}); ubah menjadi 'status: diubah'"))
    return problems


def jenis_slug(jenis: str) -> str:
    """'Peraturan Pemerintah' -> 'peraturan-pemerintah', for the URL of a filter page."""
    return urls.slugify(jenis, fallback=urls.OTHERS)



def jenis_list(regulations: Iterable[Regulation]) -> list[tuple[str, str]]:
    """(slug, jenis) of every kind of regulation, in order of first appearance."""
    seen: dict[str, str] = {}
    for reg in regulations:
        seen.setdefault(jenis_slug(reg.jenis), reg.jenis)
    return list(seen.items())


def years(regulations: Iterable[Regulation]) -> list[int]:
    """Every year with a regulation, newest first."""
    return sorted({r.tahun for r in regulations}, reverse=True)


def grouped(regulations: Iterable[Regulation]) -> list[tuple[str, list[Regulation]]]:
    """Regulations grouped by jenis (in the site's order), newest year first inside each."""
    groups: dict[str, list[Regulation]] = {}
    for reg in regulations:
        groups.setdefault(reg.jenis, []).append(reg)
    return [(jenis, sorted(items, key=lambda r: (-r.tahun, r.nomor))) for jenis, items in groups.items()]


def citing(reg: Regulation, news: Iterable[NewsItem], datasets: Iterable[Dataset], figures: Iterable[Figure]) -> dict[str, tuple]:
    """News, tables and key figures that name `reg` as their regulation or legal basis."""
    return {
        "news": tuple(n for n in news if reg.slug in n.regulations),
        "datasets": tuple(d for d in datasets if d.legal_basis == reg.slug),
        "figures": tuple(f for f in figures if f.legal_basis == reg.slug),
    }


def json_ld(reg: Regulation, rel: Relations, base_url: str) -> str:
    """schema.org Legislation for one regulation, safe to put inside a <script> element."""
    def absolute(url: str) -> str:
        return urls.address(base_url, url)

    data: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{reg.title} tentang {reg.tentang}",
        "alternateName": reg.short_title,
        "legislationIdentifier": f"{reg.jenis} {reg.nomor}/{reg.tahun}",
        "legislationType": reg.jenis,
        "legislationLegalForce": LEGAL_FORCE[reg.status],
        "inLanguage": "id",
    }
    if base_url:
        data["url"] = absolute(urls.item_url("regulasi", reg.slug))
    if reg.summary:
        data["description"] = reg.summary
    if reg.tanggal_penetapan:
        data["legislationDate"] = reg.tanggal_penetapan.isoformat()
    if reg.tanggal_pengundangan:
        data["datePublished"] = reg.tanggal_pengundangan.isoformat()
    if reg.teu_badan:
        data["legislationPassedBy"] = {"@type": "Organization", "name": reg.teu_badan}
    if reg.subjek or reg.bidang_hukum:
        data["keywords"] = ", ".join(filter(None, (reg.bidang_hukum, *reg.subjek)))
    changes = [*rel.amends, *rel.repeals]
    if changes:
        data["legislationChanges"] = [{"@type": "Legislation", "name": r.title, **({"url": absolute(urls.item_url("regulasi", r.slug))} if base_url else {})} for r in changes]
    if reg.berkas:
        data["encoding"] = {"@type": "LegislationObject", "encodingFormat": "application/pdf", "contentUrl": absolute(reg.berkas)}
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def jdihn_record(reg: Regulation, base_url: str) -> dict:
    """One regulation with the field names of JDIHN integration feeds."""
    page = urls.absolute(base_url, urls.item_url("regulasi", reg.slug))
    return {
        "idData": reg.slug,
        "tahun_pengundangan": str(reg.tahun),
        "tanggal_pengundangan": reg.tanggal_pengundangan.isoformat() if reg.tanggal_pengundangan else "",
        "tanggal_penetapan": reg.tanggal_penetapan.isoformat() if reg.tanggal_penetapan else "",
        "jenis": reg.jenis,
        "noPeraturan": reg.nomor,
        "judul": f"{reg.title} tentang {reg.tentang}",
        "singkatanJenis": reg.singkatan,
        "tempatTerbit": reg.tempat_terbit,
        "sumber": "; ".join(s.name for s in reg.sources),
        "subjek": ", ".join(reg.subjek),
        "status": JDIHN_STATUS[reg.status],
        "bahasa": reg.bahasa,
        "bidangHukum": reg.bidang_hukum,
        "teuBadan": reg.teu_badan,
        "abstrak": reg.summary,
        "fileDownload": Path(reg.berkas).name if reg.berkas else "",
        "urlDownload": urls.absolute(base_url, reg.berkas) if reg.berkas else "",
        "urlDetailPeraturan": page,
        "operasi": "4",
        "display": "1",
    }


def jdihn_feed(regulations: Iterable[Regulation], base_url: str) -> bytes:
    """Every regulation as a JSON array a JDIH portal can ingest."""
    records = [jdihn_record(r, base_url) for r in regulations]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def listing(regulations: tuple[Regulation, ...], shown: tuple[Regulation, ...], heading: str, current: str) -> dict:
    """Template context of the regulation list or one of its filters."""
    jenis_links = [(urls.section_url("regulasi"), "Semua")] + [(urls.regulation_filter_url("jenis", s), j) for s, j in jenis_list(regulations)]
    year_links = [(urls.regulation_filter_url("tahun", y), str(y)) for y in years(regulations)]
    return {"groups": grouped(shown), "jenis_links": jenis_links, "year_links": year_links, "heading": heading, "current": current}
