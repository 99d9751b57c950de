"""Bytes to text: declared, meta-declared, byte-order-marked and undeclared encodings."""

import codecs

from issqa.ingest.decode import charset_from_content_type, decode_html, decode_text

FRENCH = ("<html><head><title>Station</title></head><body><p>La station spatiale a été "
          "assemblée en orbite à partir de 1998. Le module européen Columbus a été lancé en "
          "février 2008, après des années de préparation à Brême.</p></body></html>")


def test_charset_from_the_header_wins():
    data = "<p>Baïkonour, Köln, Århus</p>".encode("iso-8859-1")
    assert "Baïkonour, Köln, Århus" in decode_html(data, "text/html; charset=ISO-8859-1")
    assert charset_from_content_type('text/html; charset="utf-8"') == "utf-8"
    assert charset_from_content_type("text/html") is None


def test_latin1_label_is_read_as_windows_1252_as_browsers_do():
    data = "<p>It cost €8 billion – “expensive”.</p>".encode("cp1252")
    assert "€8 billion – “expensive”" in decode_html(data, "text/html; charset=iso-8859-1")


def test_meta_charset_when_the_header_has_none():
    page = '<html><head><meta charset="windows-1252"></head><body>“€1.4 billion”</body></html>'
    assert "“€1.4 billion”" in decode_html(page.encode("cp1252"), "text/html")
    http_equiv = ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
                  "<p>café</p>")
    assert "café" in decode_html(http_equiv.encode("iso-8859-1"))


def test_byte_order_mark_wins_over_declarations():
    data = codecs.BOM_UTF8 + '<meta charset="iso-8859-1"><p>Baïkonour</p>'.encode()
    assert "Baïkonour" in decode_html(data, "text/html; charset=iso-8859-1")


def test_a_wrong_declaration_falls_back_to_detection():
    data = FRENCH.encode("cp1252")
    text = decode_html(data, "text/html; charset=utf-8")
    assert "a été assemblée en orbite à partir de 1998" in text


def test_undeclared_encodings_are_detected():
    assert "Columbus a été lancé en février 2008" in decode_html(FRENCH.encode("cp1252"))
    assert "Columbus a été lancé en février 2008" in decode_html(FRENCH.encode("utf-8"))
    assert decode_text("Zarya, l’aube.".encode("utf-16")) == "Zarya, l’aube."
    assert decode_text(FRENCH.encode("cp1252"), "cp1252") == FRENCH
