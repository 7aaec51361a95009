"""Reading e-mails within limits, and their rendering: no server needed."""

from __future__ import annotations

import io
from email import policy
from email.message import EmailMessage

import pdfplumber

from paperasse.ingest.mail.htmltext import html_to_text
from paperasse.ingest.mail.parse import MAX_PARTS, parse_mail
from paperasse.ingest.mail.render import letter_filename, render_letter
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf, make_png


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_plain_text_is_preferred_to_its_html_alternative() -> None:
    parsed = parse_mail(raw(message(text="Texte brut.", html="<p>Texte <b>HTML</b>.</p>")))
    assert parsed.letter.text == "Texte brut." and parsed.attachments == []


def test_a_forwarded_message_is_read_and_its_attachments_taken() -> None:
    inner = message(
        "Acte de décès",
        "Message d'origine du notaire.",
        sender="Maître Martin <notaire@exemple.fr>",
        attachments=(("acte.pdf", make_pdf("Acte"), "application/pdf"),),
    )
    outer = message("TR: Acte de décès", "Je vous transfère ce courriel.")
    outer.add_attachment(inner)
    parsed = parse_mail(raw(outer))
    (forwarded,) = parsed.letter.forwarded
    assert forwarded.sender_name == "Maître Martin" and forwarded.subject == "Acte de décès"
    assert forwarded.text == "Message d'origine du notaire."
    assert [a.filename for a in parsed.attachments] == ["acte.pdf"]
    text = _pdf_text(render_letter(parsed.letter, ["acte.pdf"]))
    assert "Courriel joint n° 1" in text and "Message d'origine du notaire." in text


def test_inline_images_are_attachments_too() -> None:
    msg = message("Photo de ma carte", None, html='<p>Voici :</p><img src="cid:photo1">')
    html_part = msg.get_body(("html",))
    assert html_part is not None
    html_part.add_related(
        make_png("Carte"), "image", "png", cid="<photo1>", filename="IMG_0001.png"
    )
    parsed = parse_mail(raw(msg))
    assert parsed.letter.text == "Voici :"
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("IMG_0001.png", "image/png")
    ]


def test_attachment_names_are_plain_file_names() -> None:
    msg = message()
    for name in ("../../etc/passwd", "C:\\Users\\x\\scan.pdf", "ta\x07b.pdf", "é" * 300 + ".pdf"):
        msg.add_attachment(b"x", maintype="application", subtype="pdf", filename=name)
    msg.add_attachment(b"x", maintype="application", subtype="pdf")
    names = [a.filename for a in parse_mail(raw(msg)).attachments]
    assert names[:3] == ["passwd", "scan.pdf", "tab.pdf"]
    assert len(names[3]) == 255 and names[3].endswith("é.pdf")
    assert names[4] == "piece-jointe-5.pdf"


def test_too_many_parts_are_cut_and_said() -> None:
    msg = message()
    for n in range(MAX_PARTS + 50):
        msg.add_attachment(
            f"{n}".encode(), maintype="application", subtype="pdf", filename=f"{n}.pdf"
        )
    parsed = parse_mail(raw(msg))
    assert len(parsed.attachments) < MAX_PARTS
    assert any("plus de 200 parties" in note for note in parsed.letter.notes)


def test_nesting_is_bounded_even_beyond_the_parsers_recursion() -> None:
    for depth, said in ((30, "trop imbriquée"), (3000, "trop imbriquée")):
        body = "Content-Type: text/plain\r\n\r\nau fond\r\n"
        for level in range(depth):
            body = (
                f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n'
                f"--b{level}\r\n{body}\r\n--b{level}--\r\n"
            )
        data = (
            b"From: a@exemple.fr\r\nSubject: Poupees russes\r\nMIME-Version: 1.0\r\n"
            + body.encode()
        )
        letter = parse_mail(data).letter
        assert letter.subject == "Poupees russes"
        assert any(said in note for note in letter.notes), depth


def test_an_unknown_charset_is_read_as_utf8_with_replacements() -> None:
    data = (
        b"From: a@exemple.fr\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="x-inconnu"\r\n\r\nD\xc3\xa9claration \xff\r\n'
    )
    assert parse_mail(data).letter.text == "Déclaration \ufffd"


def test_a_long_text_is_cut_and_said() -> None:
    letter = parse_mail(raw(message(text="mot " * 40_000))).letter
    assert len(letter.text) == 100_000
    assert any("coupé après 100 000 caractères" in note for note in letter.notes)


def test_html_hostile_or_broken_still_gives_its_text() -> None:
    never_closed = "<a" * 100_000
    assert html_to_text(never_closed) == never_closed, "no tag ends: it was text"
    assert html_to_text("<p>avant</p><!-- commentaire jamais fermé <p>caché") == "avant"
    assert html_to_text("<head><title>t</title><body>visible") == "visible"
    assert html_to_text("3 < 4 et 5 > 2 &amp; <i>fin</i>") == "3 < 4 et 5 > 2 & fin"
    assert html_to_text("<script>alert('x')") == ""
    assert html_to_text("<p>écrire à <a href='mailto:etat-civil@v.fr'>l'état civil</a></p>") == (
        "écrire à l'état civil (etat-civil@v.fr)"
    )


def test_rendering_is_the_same_bytes_each_time_and_draws_what_the_font_lacks_as_a_square() -> None:
    parsed = parse_mail(raw(message(text="Bonjour 你好\tfin")))
    first = render_letter(parsed.letter, ["a.pdf"], [("b.docx", "refusé")])
    assert first == render_letter(parsed.letter, ["a.pdf"], [("b.docx", "refusé")])
    assert "Bonjour □□ fin" in _pdf_text(first)


def test_a_message_without_date_or_subject_gets_a_plain_name() -> None:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = "a@exemple.fr"
    letter = parse_mail(msg.as_bytes()).letter
    assert (letter.date, letter.subject, letter.text) == (None, "", "")
    assert letter_filename(letter) == "courriel-sans-objet.pdf"
    assert "date inconnue" in _pdf_text(render_letter(letter))
