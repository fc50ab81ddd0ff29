"""bench/accuracy_table.py --protocol cv10 cannot rot: a 3-fold pass on a small CSV, run as a user would."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_cross_validation_scores_every_fold_with_its_baseline(tmp_path, reviews_csv):
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "accuracy_table.py"), "--protocol", "cv10",
                          "--folds", "3", "--datasets", str(reviews_csv), "--archs", "textcnn", "--seeds", "0"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    folds = re.findall(r"fold (\d) textcnn\s+([\d.]+)", out.stdout)
    assert [f for f, _ in folds] == ["0", "1", "2"]
    assert len(re.findall(r"fold \d tfidf\+logreg \(baseline\)\s+[\d.]+", out.stdout)) == 3
    means = dict(re.findall(r"accuracy_table cv3: .*?: (.+?) ([\d.]+) \(± ", out.stdout))
    assert set(means) == {"tfidf+logreg (baseline)", "textcnn"}
    assert float(means["textcnn"]) == pytest.approx(
        sum(float(a) for _, a in folds) / 3, abs=1e-3)
