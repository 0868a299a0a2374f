"""The Reviews tab of a proposal: the hub's reviewers score the criteria here; everyone reads.

The tab lists every review with its weighted total and the average over reviewers; choosing a
review shows its scores below. On the hub, while the proposal is submitted or under review, the
buttons add, change and delete reviews in a ``ReviewDialog`` (a criteria table with a score box
per criterion, the reviewer's name, the date and a comment). A municipality sees the same lists,
read-only, once the hub's bundle brought the reviews.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain import FundProposal
from hubdesk.i18n import N_, _, ngettext
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import reviews
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.reviews import Criterion, ReviewView
from hubdesk.ui import dialogs
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.forms import PERSON_ERRORS, ZERO_REPLACED, EditorDialog
from hubdesk.ui.widgets import DateField, ErrorLabel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# A score box not touched yet: "–", never the lowest score. A box that started at 0 ("not at
# all") saved a criterion the reviewer had skipped as scored 0, and lowered the total sent to
# the municipality; left blank, the service asks for it (``reviews._scores_json``).
UNSCORED = reviews.SCALE[0] - 1


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(RIGHT)
    return item


def out_of_100(total: float | None) -> str:
    return "–" if total is None else _("{total} of 100").format(total=format_number(total))


class ReviewDialog(EditorDialog):
    """One reviewer's review: a score box per criterion, the name, the date and a comment."""

    def __init__(
        self,
        ctx: ServiceContext,
        proposal_id: str,
        review: ReviewView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.proposal_id = ctx, proposal_id
        self.record_id = review.id if review else None
        self.read_version(review)  # a save changes only the review as read
        self.setObjectName("reviewDialog")
        form = QFormLayout()
        self.fields.add_row(form, "reviewer", N_("Reviewer"), QLineEdit())
        self.fields.add_row(form, "reviewed_on", N_("Reviewed on"), DateField(optional=False))
        self.criteria: list[Criterion] = reviews.proposal_criteria(ctx, proposal_id)
        self.table = QTableWidget(len(self.criteria), 3)
        self.table.setObjectName("reviewScores")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        high = reviews.SCALE[1]
        given = {s.code: s.score for s in review.scores} if review else {}
        self.spins: dict[str, QSpinBox] = {}
        for row, criterion in enumerate(self.criteria):
            self.table.setItem(row, 0, _item(_(criterion.label)))
            self.table.setItem(row, 1, _item(format_number(criterion.weight), right=True))
            spin = QSpinBox()
            spin.setRange(UNSCORED, high)
            spin.setSpecialValueText("–")  # not scored yet
            spin.installEventFilter(ZERO_REPLACED)  # a digit typed replaces the "–"
            spin.setValue(given.get(criterion.code, UNSCORED))
            spin.setAccessibleName(_(criterion.label))
            self.table.setCellWidget(row, 2, spin)
            self.spins[criterion.code] = spin
        self.scores_error = ErrorLabel(self)
        self.fields.error_line("scores", self.scores_error)
        self.total = QLabel(self)
        self.total.setObjectName("reviewTotal")
        for spin in self.spins.values():
            spin.valueChanged.connect(self._update_total)
        comment = QPlainTextEdit()
        comment.setTabChangesFocus(True)
        comments = QFormLayout()
        self.fields.add_row(comments, "comment", N_("Overall comment"), comment)
        self.scale_label = QLabel(self)
        self.scale_label.setWordWrap(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(form)
        layout.addWidget(self.scale_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.scores_error)
        layout.addWidget(self.total)
        layout.addLayout(comments)
        if review is None:
            self.fields.set_values({"reviewed_on": clock.today()})
        else:
            self.fields.set_values(
                {
                    "reviewer": review.reviewer,
                    "reviewed_on": review.reviewed_on,
                    "comment": review.comment,
                }
            )
        self.baseline_scores = self.scores()
        self.finish(content)
        self._update_total()

    def scores(self) -> dict[str, int]:
        """The criteria scored so far (one left at "–" is not sent, so it is asked for)."""
        return {code: spin.value() for code, spin in self.spins.items() if spin.value() > UNSCORED}

    def _update_total(self) -> None:
        """The total once every criterion is scored ("–" until then, as it is no total yet)."""
        given = self.scores()
        scored = [
            reviews.Score(c.code, c.label, c.weight, given.get(c.code, 0)) for c in self.criteria
        ]
        total = reviews.weighted_total(scored) if len(given) == len(self.criteria) else None
        self.total.setText(_("Weighted total: {total}").format(total=out_of_100(total)))

    def is_dirty(self) -> bool:
        return super().is_dirty() or self.scores() != self.baseline_scores

    def persist(self) -> str:
        self.scores_error.show_message(None)
        if self.record_id is None:
            data = {**self.fields.values(), "scores": self.scores()}
            saved = reviews.add_review(self.ctx, self.proposal_id, data)
        else:
            # Only what this person changed: a colleague's correction of another field stays,
            # also when this person saves again over a change made meanwhile.
            data = self.fields.changes()
            if self.scores() != self.baseline_scores:
                data["scores"] = self.scores()
            if not data:
                return self.record_id
            saved = reviews.update_review(self.ctx, self.record_id, data, self.seen)
        self.read_version(saved)
        self.baseline_scores = self.scores()
        return saved.id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New review") if self.record_id is None else _("Review"))
        self.table.setHorizontalHeaderLabels([_("Criterion"), _("Weight"), _("Score")])
        low, high = reviews.SCALE
        self.scale_label.setText(
            _("Score each criterion from {low} (not at all) to {high} (fully).").format(
                low=low, high=high
            )
        )
        if hasattr(self, "total"):
            self._update_total()


class ReviewsTab(QWidget):
    """Every review of the proposal with its total, the average, and the chosen one's scores."""

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.proposal: FundProposal | None = None
        self.reviews: Sequence[ReviewView] = ()
        self.average = QLabel(self)
        self.average.setObjectName("reviewAverage")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("reviewList")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._show_scores())
        self.table.doubleClicked.connect(lambda _i: self.edit_review())
        opens_on_enter(self.table, self.edit_review)
        self.scores = QTableWidget(0, 3, self)
        self.scores.setObjectName("reviewDetail")
        self.scores.verticalHeader().hide()
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.scores_label = QLabel(self)
        self.scores_label.setObjectName("sectionTitle")
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_review)
        self.edit_button.clicked.connect(self.edit_review)
        self.delete_button.clicked.connect(self.delete_review)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.average)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.scores_label)
        layout.addWidget(self.scores, 3)
        self.retranslate()

    def can_review(self) -> bool:
        return self.proposal is not None and reviews.can_review(self.ctx, self.proposal)

    def load(self, proposal: FundProposal | None) -> None:
        self.proposal = proposal
        summary = reviews.list_reviews(self.ctx, proposal.id) if proposal else None
        self.reviews = summary.reviews if summary else ()
        self.table.setRowCount(len(self.reviews))
        for row, review in enumerate(self.reviews):
            cells = (
                _item(review.reviewer),
                _item(format_date(review.reviewed_on)),
                _item(format_number(review.total), right=True),
                _item(" ".join(review.comment.split())),
            )
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.average_total = summary.average if summary else None
        writable = self.can_review()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(writable)
        self.edit_button.setEnabled(bool(self.reviews))
        self.delete_button.setEnabled(bool(self.reviews))
        if self.reviews:
            self.table.setCurrentCell(0, 0)
        self._show_scores()
        self.retranslate()

    def current(self) -> ReviewView | None:
        row = self.table.currentRow()
        return self.reviews[row] if 0 <= row < len(self.reviews) else None

    def _show_scores(self) -> None:
        review = self.current()
        scores = review.scores if review else ()
        self.scores.setRowCount(len(scores))
        for row, s in enumerate(scores):
            self.scores.setItem(row, 0, _item(_(s.label)))
            self.scores.setItem(row, 1, _item(format_number(s.weight), right=True))
            self.scores.setItem(row, 2, _item(format_number(s.score), right=True))
        self.scores_label.setText(
            _("Scores given by {reviewer}").format(reviewer=review.reviewer) if review else ""
        )

    def _open(self, review: ReviewView | None) -> None:
        assert self.proposal is not None
        dialog = ReviewDialog(self.ctx, self.proposal.id, review, self)
        if dialog.exec():
            self.changed.emit()

    def add_review(self) -> None:
        if self.can_review():
            self._open(None)

    def edit_review(self) -> None:
        review = self.current()
        if review is not None and self.can_review():
            self._open(review)

    def delete_review(self) -> None:
        review = self.current()
        if review is None or not self.can_review():
            return
        what = _("review by {reviewer}").format(reviewer=review.reviewer)
        if not dialogs.confirm_delete(self, what):
            return
        try:
            reviews.delete_review(self.ctx, review.id, review.version)
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not deleted"), getattr(error, "message", str(error)))
            self.load(self.proposal)  # as it is now (a colleague may have changed it)
            return
        self.changed.emit()

    def retranslate(self) -> None:
        self.add_button.setText(_("Add a review"))
        self.edit_button.setText(_("Change the review"))
        self.delete_button.setText(_("Delete the review"))
        count = len(self.reviews)
        self.average.setText(
            ngettext(
                "Average over {count} reviewer: {total}",
                "Average over {count} reviewers: {total}",
                count,
            ).format(count=count, total=out_of_100(getattr(self, "average_total", None)))
            if count
            else _("No reviews yet.")
        )
        if self.ctx.is_hub:
            note = _(
                "Reviewers score the proposal while it is submitted or under review; "
                "the reviews go to the municipality with the hub's next file."
            )
        else:
            note = _("The hub's reviewers wrote these reviews; they are shown as received.")
        self.note.setText(note)
        self.table.setHorizontalHeaderLabels(
            [_("Reviewer"), _("Reviewed on"), _("Weighted total"), _("Comment")]
        )
        self.scores.setHorizontalHeaderLabels([_("Criterion"), _("Weight"), _("Score")])
        self.table.resizeColumnsToContents()
