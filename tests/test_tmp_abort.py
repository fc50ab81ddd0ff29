from tests.test_gui_runs import *  # noqa

def test_fail_early(qtbot, panel, runs):
    panel.select_runs([runs["a"], runs["b"]])
    assert False
