"""Ctrl+C held while what cannot stop half-way runs (``stopping.ctrl_c_held``)."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from hubdesk.storage import stopping


@pytest.fixture(autouse=True)
def _main_thread_only() -> None:
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread is told of Ctrl+C")


def test_a_press_is_noted_and_ctrl_c_is_as_before_afterwards() -> None:
    with stopping.ctrl_c_held() as pressed:
        os.kill(os.getpid(), signal.SIGINT)
        assert pressed == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_hold_inside_a_hold_keeps_the_press_for_the_outer_one() -> None:
    """A backup's renames hold Ctrl+C inside a restore's hold: the press stays the
    restore's to act on, and the restore's hold is still in place after the inner one."""
    with stopping.ctrl_c_held() as outer:
        with stopping.ctrl_c_held() as inner:
            os.kill(os.getpid(), signal.SIGINT)
        assert inner is outer and outer == [True]
        os.kill(os.getpid(), signal.SIGINT)  # still held
        assert outer == [True, True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_work_that_can_still_stop_stops_at_a_held_press() -> None:
    told: list[int] = []
    step = stopping.or_ctrl_c(lambda done, _total: told.append(done), [])
    step(1, 10)
    assert told == [1]
    with pytest.raises(KeyboardInterrupt):
        stopping.or_ctrl_c(lambda done, _total: told.append(done), [True])(2, 10)
    assert told == [1]
