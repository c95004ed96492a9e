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
