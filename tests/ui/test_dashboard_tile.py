"""A dashboard tile: its colours follow its alert as it changes, and its number shrinks to fit
a narrow tile (the number's size and the tile's style are set again only when they change)."""

from __future__ import annotations

from gui import show_window
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from hubdesk.ui.pages.dashboard_parts import NUMBER_PX, Tile
from hubdesk.ui.resources import stylesheet


def background(tile: Tile) -> QColor:
    """The tile's own colour, just inside its border (no label there)."""
    return tile.grab().toImage().pixelColor(QPoint(4, tile.height() // 2))


def test_the_alert_colours_come_and_go_with_the_alert(qtbot: QtBot) -> None:
    tile = Tile()
    tile.setStyleSheet(stylesheet())  # HubDesk's colours, whatever application runs the test
    tile.resize(220, 90)
    show_window(qtbot, tile)
    tile.show_value("3", "overdue", alert=False)
    calm = background(tile)
    tile.show_value("3", "overdue", alert=True)
    assert tile.property("alert") is True
    alarmed = background(tile)
    assert alarmed != calm
    tile.show_value("4", "overdue", alert=True)  # the same alert: still its colours
    assert background(tile) == alarmed
    tile.show_value("0", "overdue", alert=False)
    assert background(tile) == calm


def test_a_long_number_shrinks_to_fit_and_grows_back(qtbot: QtBot) -> None:
    tile = Tile()
    tile.resize(120, 90)
    show_window(qtbot, tile)
    tile.show_value("1.234.567,8 mijë MKD", "approved")
    small = tile.number_px
    assert small < NUMBER_PX
    assert f"{small}px" in tile.number.styleSheet()
    tile.show_value("7", "approved")
    assert tile.number_px == NUMBER_PX and f"{NUMBER_PX}px" in tile.number.styleSheet()


def test_tiles_in_a_row_are_as_tall_as_the_row_so_their_numbers_line_up(qtbot: QtBot) -> None:
    """A row with one three-line caption centred its shorter tiles: their numbers sat lower."""
    from PySide6.QtWidgets import QGridLayout, QWidget

    row = QWidget()
    grid = QGridLayout(row)
    tiles = [Tile(row) for _ in range(3)]
    for index, tile in enumerate(tiles):
        grid.addWidget(tile, 0, index)
    row.resize(600, 200)
    show_window(qtbot, row)
    tiles[0].show_value("1", "one line", alert=False)
    tiles[1].show_value("2", "a caption long enough to take three lines in its tile " * 2, False)
    tiles[2].show_value("3", "one line", alert=False)
    qtbot.waitUntil(lambda: tiles[1].minimumHeight() > 76)  # grown for its caption
    qtbot.waitUntil(lambda: tiles[1].height() >= tiles[1].minimumHeight())
    assert len({tile.y() for tile in tiles}) == 1
    assert len({tile.height() for tile in tiles}) == 1
    assert len({tile.mapTo(row, tile.number.pos()).y() for tile in tiles}) == 1
