"""data.json: the site's data catalogue in the Project Open Data v1.1 (DCAT-US) format, for portals to harvest.

Every table of data/ (and the key figures as data, when the site has figures) is one dataset with its
downloads as distributions. CKAN portals harvest this file (ckanext-datajson, with its "non-federal"
schema, which tests/test_catalog.py validates it against); the format needs absolute URLs, so the file
is only written when the site has a base_url, like the feeds (terang.site.feeds).

Nothing here is made up: the contact is the publisher (no e-mail address is invented, the non-federal
schema does not require one), keywords come from the legal basis's `subjek`, the licence URL only when
the licence is a known one. Satu Data Indonesia metadata goes under the yml's own keys, which a CKAN
harvest keeps as extras, and `frekuensi` also as the standard `accrualPeriodicity`.
"""

from __future__ import annotations

from typing import Any

from terang import urls
from terang.model import Config, Dataset
from terang.site.assemble import Site
from terang.site import key_figures
from terang.site.downloads import CELL_NOTE, download_paths, dump, labelled, licence
from terang.site.plan import dataset_url

CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"  # the one value CKAN's data.json harvester accepts
CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"
DESCRIBED_BY = "https://project-open-data.cio.gov/v1.1/schema/catalog.json"
PACKAGE_SPEC = "https://specs.frictionlessdata.io/tabular-data-package/"
# frekuensi -> accrualPeriodicity: an ISO 8601 repeating duration, or "irregular"
PERIODICITY = {"harian": "R/P1D", "mingguan": "R/P1W", "bulanan": "R/P1M", "triwulanan": "R/P3M", "empat-bulanan": "R/P4M",
               "semesteran": "R/P6M", "tahunan": "R/P1Y", "tidak-tetap": "irregular"}


def data_json(site: Site) -> bytes:
    """The whole catalogue; the site must have a base_url."""
    config = site.config
    base = config.base_url
    datasets = [dataset_entry(site, d) for d in site.datasets]
    if site.figures:
        datasets.insert(0, key_figures_entry(site))
    return dump({
        "@context": CONTEXT,
        "@id": urls.absolute(base, urls.DATA_JSON),
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": DESCRIBED_BY,
        "dataset": datasets,
    })


def keywords(site: Site, legal_basis: str) -> list[str]:
    """The `subjek` of the dataset's legal basis, else of the site's; none when neither names any."""
    regulation = site.regulation(legal_basis) or site.regulation(site.config.legal_basis)
    return list(dict.fromkeys(regulation.subjek)) if regulation else []


def common(site: Site, legal_basis: str) -> dict[str, Any]:
    """What every dataset of this site shares: publisher, contact, access level, licence, language, keywords."""
    config = site.config
    contact: dict[str, Any] = {"@type": "vcard:Contact", "fn": config.publisher}
    if config.official_phones:
        contact["hasTelephone"] = list(config.official_phones)
    record: dict[str, Any] = {
        "publisher": {"@type": "org:Organization", "name": config.publisher},
        "contactPoint": contact,
        "accessLevel": "public",
        "language": [config.language],
    }
    if words := keywords(site, legal_basis):
        record["keyword"] = words
    if (found := licence(config)) and found[0].get("path"):
        record["license"] = found[0]["path"]
    return record


def distribution(config: Config, path: str, title: str, media_type: str, kind: str, **extra: str) -> dict[str, Any]:
    return {"@type": "dcat:Distribution", "title": title, "format": kind, "mediaType": media_type,
            "downloadURL": urls.absolute(config.base_url, path), **extra}


def distributions(config: Config, csv: str, json: str, package: str) -> list[dict[str, Any]]:
    """The three downloads every dataset has: CSV, JSON and its Frictionless Data Package."""
    return [
        distribution(config, csv, csv.rsplit("/", 1)[1], "text/csv", "CSV"),
        distribution(config, json, json.rsplit("/", 1)[1], "application/json", "JSON"),
        distribution(config, package, "datapackage.json", "application/json", "Frictionless Data Package",
                     conformsTo=PACKAGE_SPEC),
    ]


def dataset_entry(site: Site, dataset: Dataset) -> dict[str, Any]:
    """One table: its page is its identifier and landing page, its datapackage.json its data dictionary."""
    config = site.config
    page = urls.absolute(config.base_url, dataset_url(dataset))
    paths = download_paths(dataset)
    sdi = dict(dataset.sdi)
    record: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": labelled(dataset),
        "description": dataset.description + (" " + CELL_NOTE if dataset.aggregate else ""),
        "modified": dataset.date.isoformat(),
        "identifier": page,
        "landingPage": page,
        **common(site, dataset.legal_basis),
        "describedBy": urls.absolute(config.base_url, paths["datapackage"]),
        "describedByType": "application/json",
        "distribution": distributions(config, paths["csv"], paths["json"], paths["datapackage"]),
    }
    if links := [s.url for s in dataset.sources if s.url]:
        record["references"] = list(dict.fromkeys(links))
    if "frekuensi" in sdi:
        record["accrualPeriodicity"] = PERIODICITY[sdi["frekuensi"]]
    record.update(sdi)
    return record


def key_figures_entry(site: Site) -> dict[str, Any]:
    """The key figures as data (data/angka-kunci/): shown on the Data page, one row per figure."""
    config = site.config
    page = urls.absolute(config.base_url, urls.section_url("data"))
    return {
        "@type": "dcat:Dataset",
        "title": key_figures.title(config),
        "description": ("Angka kunci yang diumumkan, satu baris per angka: nilai, satuan, tanggal data, sumber, "
                        "dasar hukum, dan tanda apakah angka itu perkiraan."),
        "modified": max(f.date for f in site.figures).isoformat(),
        "identifier": urls.absolute(config.base_url, urls.KEY_FIGURES),
        "landingPage": page,
        **common(site, config.legal_basis),
        "describedBy": urls.absolute(config.base_url, urls.KEY_FIGURES_PACKAGE),
        "describedByType": "application/json",
        "distribution": distributions(config, urls.KEY_FIGURES_CSV, urls.KEY_FIGURES_JSON, urls.KEY_FIGURES_PACKAGE),
    }
