"""The one Markdown path (markdown-it-py): the same text as safe HTML for the app and as Word
paragraphs with Word's own styles for .docx. Table-driven."""

from __future__ import annotations

from html.parser import HTMLParser

import docx
import pytest

from assistant.reports.markdown import add_to_docx, to_html

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"
LINK = '<a href="javascript:window.__pwned=3">klik</a>'


class Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += [k for k, _ in attrs]


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("# Titel", "<h2>Titel</h2>"),
        ("## Armoede\n\n_Opgave · 2_", "<h3>Armoede</h3><p><em>Opgave · 2</em></p>"),
        ("een\ntwee\n\ndrie", "<p>een twee</p><p>drie</p>"),
        ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
        ("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>"),
        ("tekst\n\n- punt", "<p>tekst</p><ul><li>punt</li></ul>"),
        ("> **Let op:** x", "<blockquote><p><strong>Let op:</strong> x</p></blockquote>"),
        ("`code` en *schuin*", "<p><code>code</code> en <em>schuin</em></p>"),
        ("snake_case_naam blijft", "<p>snake_case_naam blijft</p>"),
        (SCRIPT, "<p>&lt;script&gt;window.__pwned=2&lt;/script&gt;</p>"),
        (LINK, "<p>&lt;a href=&quot;javascript:window.__pwned=3&quot;&gt;klik&lt;/a&gt;</p>"),
        ("[klik](javascript:alert(1))", "<p>[klik](javascript:alert(1))</p>"),
        ("![x](http://x/y.png)", "<p>![x](http://x/y.png)</p>"),
        ("", ""),
    ],
)
def test_to_html(markdown: str, html: str) -> None:
    out = to_html(markdown, shift=1)
    assert out == html
    assert not {"script", "img", "a"} & Tags(out).tags


def test_markers_only_for_known_citations_and_every_bracket_form() -> None:
    def marker(n: int) -> str | None:
        return f'<a class="ref">{n}</a>' if n in (1, 2, 3) else None

    out = to_html('"Citaat" [1], [2-3] en [7]', marker=marker)
    assert out == (
        '<p>&quot;Citaat&quot; <a class="ref">1</a>, <a class="ref">2</a>'
        '<a class="ref">3</a> en [7]</p>'
    )


def test_chat_keeps_line_breaks_on_one_line() -> None:
    out = to_html("Lead:\n\n**Humanitas** — gesprek II:\n- een [1]\n- twee", breaks=True)
    assert out.startswith("<p>Lead:</p><p><strong>Humanitas</strong>")
    assert out.count("<li>") == 2 and "\n" not in out


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Kop", [("Heading 1", "Kop")]),
        ("## Kop", [("Heading 1", "Kop")]),
        ("### Vraag?", [("Heading 2", "Vraag?")]),
        ("- een punt [1]\n- twee", [("List Bullet", "een punt [1]"), ("List Bullet", "twee")]),
        ("1. eerste", [("List Number", "eerste")]),
        (
            "regel een\nregel twee\n\nnieuw",
            [("Normal", "regel een regel twee"), ("Normal", "nieuw")],
        ),
        ("> let op", [("Quote", "let op")]),
        ("_cursief_ en **vet**", [("Normal", "cursief en vet")]),
        (SCRIPT, [("Normal", SCRIPT)]),
    ],
)
def test_add_to_docx(markdown: str, expected: list[tuple[str, str]]) -> None:
    document = docx.Document()
    add_to_docx(document, markdown, top_level=0)
    assert [(p.style.name, p.text) for p in document.paragraphs] == expected


def test_inline_runs_keep_bold_and_italic() -> None:
    document = docx.Document()
    add_to_docx(document, '**Humanitas**: "tekst" [2] _noot_')
    runs = document.paragraphs[0].runs
    assert (runs[0].text, runs[0].bold) == ("Humanitas", True)
    assert [r.text for r in runs if r.italic] == ["noot"]
