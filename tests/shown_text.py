"""What a label shows, as a person reads it, and where its wrapped lines start.

Import it as ``from shown_text import shown_lines, line_starts`` (``tests/`` is on the import
path). A label of rich text holds markup; these lay it out as the label does, in its font and
at its width, and read the result: reading touches nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel


def _document(label: QLabel, width: int | None = None) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    wrap = QTextOption.WrapMode.WordWrap if label.wordWrap() else QTextOption.WrapMode.NoWrap
    option = doc.defaultTextOption()
    option.setWrapMode(wrap)  # as the label wraps: at word boundaries only
    doc.setDefaultTextOption(option)
    doc.setDocumentMargin(0)
    if label.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(label.text())
    else:
        doc.setPlainText(label.text())
    doc.setTextWidth(width if width is not None else label.contentsRect().width())
    doc.documentLayout().documentSize()  # laid out now, as the label lays it out to paint
    return doc


def shown_lines(label: QLabel) -> list[str]:
    """The label's paragraphs, as its text would be copied."""
    return _document(label).toPlainText().splitlines()


def line_starts(label: QLabel, paragraph: int, width: int) -> list[float]:
    """Where each laid-out line of one paragraph starts, the label's text laid out at
    ``width``."""
    doc = _document(label, width)  # held while its block is read
    layout = doc.findBlockByNumber(paragraph).layout()
    return [layout.lineAt(i).x() for i in range(layout.lineCount())]


def line_texts(label: QLabel, paragraph: int = 0) -> list[str]:
    """The lines one paragraph of the label is laid out in, at the label's width."""
    doc = _document(label)  # held while its block is read
    block = doc.findBlockByNumber(paragraph)
    layout, text = block.layout(), block.text()
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    return [text[line.textStart() : line.textStart() + line.textLength()] for line in lines]


def widest_line(label: QLabel, paragraph: int = 0) -> float:
    """How wide the widest line of one paragraph is, laid out at the label's width."""
    doc = _document(label)  # held while its block is read
    layout = doc.findBlockByNumber(paragraph).layout()
    return max(layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount()))
