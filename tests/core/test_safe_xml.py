"""Hostile and broken XML is refused with a message naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafts.errors import DraftImportError
from drafts.reading import safe_xml
from drafts.reading.akoma import read_draft
from tests.builders import XXE

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<lolz>&lol9;</lolz>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso SYSTEM "http://example.invalid/akn.dtd">
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>"""


def _refusal(tmp_path: Path, data: bytes, name: str = "draft.xml") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DraftImportError) as caught:
        read_draft(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    return message


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    message = _refusal(tmp_path, XXE)
    assert "DOCTYPE" in message
    assert "root:" not in message  # nothing of /etc/passwd leaks into the message


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    assert "entities" in _refusal(tmp_path, BILLION_LAUGHS)


def test_external_dtd_is_refused(tmp_path: Path) -> None:
    assert "DOCTYPE" in _refusal(tmp_path, EXTERNAL_DTD)


def test_utf16_doctype_is_refused_too(tmp_path: Path) -> None:
    assert "DOCTYPE" in _refusal(
        tmp_path, XXE.decode().replace('"1.0"?', '"1.0" encoding="UTF-16"?').encode("utf-16")
    )


def test_malformed_xml_names_line_and_column(tmp_path: Path) -> None:
    message = _refusal(tmp_path, b"<akomaNtoso>\n  <act>\n</akomaNtoso>")
    assert "malformed XML at line 3, column" in message


def test_wrong_encoding_is_named(tmp_path: Path) -> None:
    latin1_in_utf8 = b'<?xml version="1.0" encoding="UTF-8"?>\n<a>C\xf4te</a>'
    message = _refusal(tmp_path, latin1_in_utf8)
    assert "wrong encoding" in message
    assert "line 2" in message


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    assert "the file is empty" in _refusal(tmp_path, data)


def test_file_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_xml, "MAX_BYTES", 1000)
    message = _refusal(tmp_path, b"<a>" + b"x" * 2000 + b"</a>")
    assert "2,007 bytes, over the limit of 1,000 bytes" in message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DraftImportError, match="cannot read the file"):
        read_draft(tmp_path / "nope.xml")


def test_declared_latin1_document_is_read_correctly() -> None:
    root = safe_xml.parse(
        '<?xml version="1.0" encoding="ISO-8859-1"?><a>Côte</a>'.encode("latin-1"), "x"
    )
    assert root.text == "Côte"


AKN = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act/></akomaNtoso>'


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\0\0\0" + AKN, "begins with 3 NUL bytes before its XML: it was damaged"),
        (b"\0" + b'<?xml version="1.0"?>' + AKN, "begins with 1 NUL byte before its XML"),
        (b"\0" * 200, "holds only NUL bytes"),
        (AKN[:20] + b"\0" + AKN[20:], "holds a NUL byte at line 1 (byte 20), which XML never"),
        (AKN.decode().encode("utf-16-le"), "UTF-16 text without the byte order mark"),
        (
            b'<?xml version="1.0" encoding="UTF-16"?>' + AKN,
            'declares encoding="UTF-16", but the file is written one byte per character',
        ),
        (b'<?xml version="1.0" encoding="klingon"?><a/>', "an encoding Travaux cannot read"),
        (b'<?xml version="1.0"?><a>C\xf4te</a>', "not in the encoding its first line declares"),
    ],
)
def test_broken_bytes_are_named_in_words_with_a_next_step(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    message = _refusal(tmp_path, data)
    assert reason in message
    assert any(step in message for step in ("take a sound copy", "save the file as UTF-8"))


def test_a_text_node_over_libxml2s_limit_is_named_in_words(tmp_path: Path) -> None:
    message = _refusal(tmp_path, b"<a>" + b"lorem ipsum " * 900_000 + b"</a>")
    assert "one element holds more than 10,000,000 bytes of text at line 1" in message
    assert "XML_PARSE_HUGE" not in message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_is_read(encoding: str) -> None:
    root = safe_xml.parse(AKN.decode().encode(encoding), "x")
    assert root.tag.endswith("akomaNtoso")
