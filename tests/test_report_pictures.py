"""What the monthly report's pictures cost to make, and that they are the same pictures.

A chart is laid out and painted in one pass (matplotlib's savefig draws a figure with a layout
engine twice), as an opaque RGB picture: the page behind a chart is white, and an alpha channel
would be carried into the PDF as a second picture, its soft mask. The PDF's text is measured and
written by reportlab's C accelerator (rl-accel): its pure-Python stand-ins took a third of the
PDF's time. What is drawn is checked against matplotlib's own savefig of the same figure."""

from __future__ import annotations

import io
import shutil
import time

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image as PILImage
from pypdf import PdfReader

from core.periods import parse_period
from queries.actor import SYSTEM
from queries.db import Database
from reports import chart_images
from reports.drawing_processes import Drawer
from reports.documents import render
from reports.monthly import assemble_report


@pytest.fixture(scope="module")
def october(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("pictures") / "report.duckdb"
    shutil.copyfile(demo_file, path)
    database = Database(path)
    yield assemble_report(database, parse_period("2026-10"), SYSTEM, "Sgt. Dana Reyes")
    database.close()


@pytest.fixture
def fresh(monkeypatch):
    """No picture drawn before: each test draws its own."""
    chart_images.forget_drawn()
    yield
    chart_images.forget_drawn()


def test_each_chart_is_drawn_once(october, fresh, monkeypatch):
    monkeypatch.setattr(chart_images, "WORKERS", 0)     # drawn here, where the count is kept
    draws = []
    original = Figure.draw

    def counted(self, renderer):
        draws.append(self)
        return original(self, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    images = chart_images.report_images(october)
    drawn = [name for name, image in images.items() if image is not None and image.png is not None]
    assert sorted(drawn) == ["concerns", "map", "programs"]
    assert len(draws) == len(drawn) == len(set(map(id, draws)))


def test_the_pictures_are_opaque_rgb_and_the_pdf_has_no_soft_masks(october, fresh):
    images = chart_images.report_images(october)
    for image in images.values():
        picture = PILImage.open(io.BytesIO(image.png))
        assert picture.mode == "RGB", image.title
        assert picture.info["dpi"] == pytest.approx((chart_images.PRINT_DPI,) * 2, abs=0.1)   # stored per metre
    reader = PdfReader(io.BytesIO(render(october, "pdf", images)))
    objects = [page["/Resources"]["/XObject"][name].get_object() for page in reader.pages
               if "/XObject" in page.get("/Resources", {}) for name in page["/Resources"]["/XObject"]]
    pictures = [o for o in objects if o["/Subtype"] == "/Image"]
    assert len(pictures) == 3 and not any("/SMask" in o for o in pictures)


@pytest.mark.parametrize("name", list(chart_images.CHARTS))
def test_each_picture_is_what_matplotlibs_savefig_draws(october, name):
    """The oracle: the same figure saved by savefig at the print resolution, its opaque alpha dropped."""
    builder = chart_images.CHARTS[name][0]
    with matplotlib.rc_context(chart_images.STYLE):
        ours = np.asarray(PILImage.open(io.BytesIO(chart_images._png(builder(october)[0]))))
        out = io.BytesIO()
        builder(october)[0].savefig(out, format="png", dpi=chart_images.PRINT_DPI)
    theirs = np.asarray(PILImage.open(io.BytesIO(out.getvalue())))
    assert theirs.shape[2] == 4 and (theirs[..., 3] == 255).all()      # savefig's picture is opaque too
    assert ours.shape == theirs[..., :3].shape
    assert (ours == theirs[..., :3]).all()


def test_the_pdf_writer_measures_and_writes_text_in_c():
    from reportlab.lib import rl_accel

    for name in ("fp_str", "unicode2T1", "instanceStringWidthT1", "escapePDF"):
        assert type(getattr(rl_accel, name)).__name__ == "builtin_function_or_method", name


def test_the_pictures_are_drawn_in_the_drawing_processes_and_are_the_same_as_drawn_here(october, fresh,
                                                                                       monkeypatch):
    def not_here(figure):
        raise AssertionError("drawn in the server's own process")

    with monkeypatch.context() as here:
        here.setattr(chart_images, "WORKERS", 0)
        expected = chart_images.report_images(october)
    chart_images.forget_drawn()
    monkeypatch.setattr(chart_images, "_png", not_here)     # only this process's drawing is broken
    images = chart_images.report_images(october)
    assert images == expected and all(image.png.startswith(b"\x89PNG") for image in images.values())


def test_the_drawing_processes_do_not_run_the_servers_main_script(october, fresh, monkeypatch, tmp_path):
    """In the server, Streamlit puts the app's own script in sys.modules["__main__"] while it runs,
    and that script cannot run anywhere else: processes that first run the parent's main script
    (multiprocessing's) died at once, and the pictures were drawn in the server after all."""
    import sys
    import types

    script = tmp_path / "app_script.py"
    script.write_text("raise SystemExit('the app script ran in a drawing process')\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    monkeypatch.setattr(chart_images, "_png", lambda figure: (_ for _ in ()).throw(AssertionError("drawn here")))
    monkeypatch.setattr(chart_images, "_drawers", [Drawer() for _ in range(chart_images.WORKERS)])  # started now
    images = chart_images.report_images(october)
    for drawer in chart_images._drawers:
        drawer.stop()
    assert all(image.png and image.png.startswith(b"\x89PNG") for image in images.values()), \
        {name: image.note for name, image in images.items()}


def test_a_chart_that_fails_in_its_drawing_process_leaves_its_note_and_the_others_are_drawn(october, fresh):
    broken = {**october, "by_program": [{"program": "No attendance figure"}]}     # the builder's KeyError
    images = chart_images.report_images(broken)
    assert images["programs"].png is None and images["programs"].note == chart_images.NOT_DRAWN
    assert images["map"].png and images["concerns"].png


def test_a_drawing_process_that_stops_before_it_answers_leaves_its_picture_to_be_drawn_here(october, fresh,
                                                                                          monkeypatch):
    drawer = chart_images._drawers[0]
    started = drawer._running

    def stopped_at_once():
        process = started()
        process.kill()               # killed, or out of memory, just before the request
        process.wait()
        return process

    monkeypatch.setattr(drawer, "_running", stopped_at_once)
    images = chart_images.report_images(october)
    assert all(image.png.startswith(b"\x89PNG") for image in images.values())
    monkeypatch.undo()
    chart_images.forget_drawn()
    assert chart_images.report_images(october) == images      # a new process draws it next time


def test_the_drawing_processes_run_below_the_servers_priority():
    """Loading matplotlib takes a drawing process about a second of CPU when the report's page is
    opened: the sessions' page runs come first."""
    import os

    from reports import drawing_processes

    chart_images.start_drawing()
    process = chart_images._drawers[0]._process
    deadline = time.monotonic() + 60
    while os.getpriority(os.PRIO_PROCESS, process.pid) == os.getpriority(os.PRIO_PROCESS, 0):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)       # the process lowers its own priority as it starts
    assert os.getpriority(os.PRIO_PROCESS, process.pid) == \
        min(19, os.getpriority(os.PRIO_PROCESS, 0) + drawing_processes.NICENESS)


def test_opening_the_report_page_does_not_wait_for_a_picture_being_drawn_for_someone_else():
    import threading

    drawer = chart_images._drawers[0]
    with drawer._lock:                     # a drawing process busy with another session's picture
        opening = threading.Thread(target=chart_images.start_drawing, daemon=True)
        opening.start()
        opening.join(10)
        assert not opening.is_alive()
