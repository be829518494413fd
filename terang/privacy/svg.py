"""SVG images rebuilt from an allow-list: parsed as namespaced XML (defusedxml), written out anew.

Only SVG elements and attributes known to draw something are kept. Script, foreign content
(HTML, MathML, <foreignObject>), event attributes, links that run code and references to other
hosts make the image refused, with the reason; metadata of drawing programs (Inkscape, Sodipodi,
RDF, <metadata>) is dropped without a word. Comments, processing instructions and the DOCTYPE
never reach the published file, which is always UTF-8 with the SVG namespace as default.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Namespaces whose elements a browser runs or renders as a page: never part of a published image.
ACTIVE_NAMESPACES = {"http://www.w3.org/1999/xhtml": "HTML", "http://www.w3.org/1998/Math/MathML": "MathML"}
DEEPEST = 200  # nesting levels; drawings need a few dozen at most

REFUSED = {  # SVG elements that run script or hold foreign content, with what they are
    "script": "<script>", "foreignObject": "<foreignObject> (isi HTML)", "handler": "<handler> (skrip)",
    "listener": "<listener> (skrip)", "iframe": "<iframe>", "video": "<video>", "audio": "<audio>",
    "canvas": "<canvas>", "feImage": "<feImage> (gambar dari alamat lain)", "discard": "<discard>",
}
DROPPED = {"metadata"}  # what drawing programs store about the file: never shown
ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "switch", "view", "a", "style", "image",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    "animate", "animateMotion", "animateTransform", "set", "mpath",
}
ATTRIBUTES = set("""
id class style transform d x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height points viewBox
preserveAspectRatio version baseProfile fill fill-opacity fill-rule stroke stroke-width stroke-linecap
stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity color display
visibility overflow clip clip-path clip-rule mask filter marker marker-start marker-mid marker-end font
font-family font-size font-size-adjust font-weight font-style font-variant font-stretch text-anchor
dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration
writing-mode direction unicode-bidi dx dy rotate textLength lengthAdjust startOffset method spacing side
offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod patternUnits
patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits markerWidth markerHeight
markerUnits refX refY orient filterUnits primitiveUnits in in2 result stdDeviation mode type values
operator k1 k2 k3 k4 scale xChannelSelector yChannelSelector flood-color flood-opacity lighting-color
baseFrequency numOctaves seed stitchTiles kernelMatrix kernelUnitLength order divisor bias targetX
targetY edgeMode preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent azimuth
elevation pointsAtX pointsAtY pointsAtZ z limitingConeAngle slope intercept amplitude exponent
tableValues radius shape-rendering text-rendering image-rendering color-interpolation
color-interpolation-filters color-rendering vector-effect paint-order mix-blend-mode isolation
pathLength href role aria-label aria-labelledby aria-describedby aria-hidden focusable lang
systemLanguage attributeName attributeType begin dur end min max restart repeatCount repeatDur
calcMode keyTimes keySplines from to by additive accumulate path keyPoints enable-background
""".split())
KEPT_XML = {"space", "lang"}  # xml:space and xml:lang
URL_RE = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
CSS_DANGER = re.compile(r"@import|expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.IGNORECASE)
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
SAFE_LINK_SCHEMES = {"http", "https", "mailto"}
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
FIX = "; simpan ulang tanpa skrip (misalnya ekspor sebagai SVG biasa atau PNG)"


class Refused(Exception):
    """The image cannot be published; `message` (Indonesian) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Parser(DefusedXMLParser):
    """defusedxml's parser (no entities, nothing external) that also refuses a DOCTYPE with declarations of its own.

    A bare `<!DOCTYPE svg PUBLIC ...>` line, as older drawing programs write, declares nothing and is
    allowed; an internal subset could declare entities or default attributes, so it is refused.
    """

    def __init__(self) -> None:
        super().__init__(target=TreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
        self.parser.StartDoctypeDeclHandler = self._declaration  # not '_doctype': XMLParser's own attribute

    def _declaration(self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: int) -> None:
        if has_internal_subset:
            raise _unsafe("gambar SVG ini memuat deklarasi DOCTYPE (entitas atau DTD) yang dapat menyembunyikan skrip")


def clean(data: bytes) -> bytes:
    """The SVG rebuilt from its allowed elements and attributes, as UTF-8; raises Refused with the reason and the fix."""
    parser = _Parser()
    try:
        parser.feed(data)  # bytes: expat reads the BOM and the encoding declaration (UTF-16 too)
        root = parser.close()
    except Refused:
        raise
    except DefusedXmlException:
        raise _unsafe("gambar SVG ini memuat deklarasi DOCTYPE (entitas atau DTD) yang dapat menyembunyikan skrip") from None
    except (ParseError, ValueError, LookupError):
        raise Refused("berkas SVG ini bukan XML yang sah; buka dan simpan ulang di program gambar, atau ekspor sebagai PNG") from None
    if _split(root.tag) not in ((SVG, "svg"), ("", "svg")):
        raise Refused("berkas ini bukan gambar SVG (elemen terluarnya bukan <svg>); ekspor ulang sebagai SVG atau PNG")
    out: list[str] = []
    _element(root, out, 0, True)
    return "".join(out).encode("utf-8")


def _unsafe(reason: str) -> Refused:
    """The refusal of an image that could run script or load from elsewhere, with the fix."""
    return Refused(reason + FIX)


def _split(tag: str) -> tuple[str, str]:
    """('namespace', 'local name') of an ElementTree tag or attribute name."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _element(element: Element, out: list[str], depth: int, top: bool = False) -> None:
    if depth > DEEPEST:
        raise Refused(f"gambar SVG ini bersarang lebih dari {DEEPEST} tingkat; sederhanakan gambarnya atau ekspor sebagai PNG")
    namespace, name = _split(element.tag)
    if namespace in ACTIVE_NAMESPACES:
        raise _unsafe(f"gambar SVG ini memuat elemen {ACTIVE_NAMESPACES[namespace]} <{name}>")
    if namespace not in (SVG, "") or name in DROPPED:  # a drawing program's own data: never shown
        out.append(element.tail and _text(element.tail) or "")
        return
    if name in REFUSED:
        raise _unsafe(f"gambar SVG ini memuat {REFUSED[name]}")
    if name not in ELEMENTS:
        raise _unsafe(f"gambar SVG ini memakai elemen <{name}> yang tidak diizinkan")
    attributes = _attributes(name, element)
    if top:
        attributes.insert(0, ("xmlns", SVG))
    out.append(f"<{name}" + "".join(f' {key}="{_attribute(value)}"' for key, value in attributes) + ">")
    if element.text:
        out.append(_text(element.text) if name != "style" else _text(_style(name, element.text)))
    for child in element:
        _element(child, out, depth + 1)
    out.append(f"</{name}>")
    if element.tail and not top:
        out.append(_text(element.tail))


def _attributes(element: str, node: Element) -> list[tuple[str, str]]:
    """The attributes kept, in their order; refuses handlers and references that leave the image."""
    kept = []
    for key, value in node.attrib.items():
        namespace, name = _split(key)
        if name.lower().startswith("on"):
            raise _unsafe(f"gambar SVG ini <{element}> memakai atribut peristiwa '{name}' (JavaScript sebaris)")
        if namespace == XML and name in KEPT_XML:
            kept.append((f"xml:{name}", value))
            continue
        if namespace == XLINK and name == "href" or namespace == "" and name == "href":
            kept.append(("href", _href(element, value)))
            continue
        if namespace or name not in ATTRIBUTES:
            continue  # another program's data, or an attribute that draws nothing
        if name == "attributeName" and (value.strip().lower().endswith("href") or value.strip().lower().startswith("on")):
            raise _unsafe(f"gambar SVG ini <{element}> mengubah atribut '{value.strip()}' dengan animasi")
        if name in ("from", "to", "values", "by") and SCHEME_RE.match(INVISIBLE.sub("", value)):
            raise _unsafe(f"gambar SVG ini <{element} {name}> memakai alamat '{value.strip()}'")
        kept.append((name, _style(element, value) if name == "style" else _local_urls(element, value)))
    return kept


def _href(element: str, value: str) -> str:
    """A link or reference that stays in the image (`#id`), or a plain web link on <a>; else refused."""
    bare = INVISIBLE.sub("", value)
    if bare.startswith("#"):
        return value
    scheme = SCHEME_RE.match(bare)
    if element == "a" and (scheme is None or scheme.group(1).lower() in SAFE_LINK_SCHEMES):
        return value
    if element == "image" and scheme is None and not bare.startswith("//"):
        return value  # a picture published beside this one (checked as a file of its own)
    if scheme is not None and scheme.group(1).lower() not in SAFE_LINK_SCHEMES:
        raise _unsafe(f"gambar SVG ini <{element} href> memakai alamat '{value.strip()[:40]}'")
    raise _unsafe(f"gambar SVG ini <{element}> merujuk ke '{value.strip()[:40]}' di luar gambar ini")


def _local_urls(element: str, value: str) -> str:
    """A presentation value whose url(...) references stay in the image."""
    for target in URL_RE.findall(value):
        if not target.startswith("#"):
            raise _unsafe(f"gambar SVG ini <{element}> memuat url({target[:40]}) dari luar gambar ini")
    return value


def _style(element: str, css: str) -> str:
    """CSS of a style attribute or <style>: refused when it imports, loads from elsewhere or runs script."""
    danger = CSS_DANGER.search(css)
    if danger:
        raise _unsafe(f"gambar SVG ini <{element}> memuat gaya '{danger.group(0)}' yang dapat memuat skrip atau berkas lain")
    return _local_urls(element, css)


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
