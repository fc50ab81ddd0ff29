"""transformers' lazy module is not thread-safe: the window's workers read data (datasets hashes through
transformers once it is in sys.modules) while another loads a pretrained tokenizer. Everything that goes through
either holds engine.lazy.TRANSFORMERS_LOCK, so one waits for the other instead of failing with "module
'transformers' has no attribute 'PreTrainedTokenizerBase'" (seen as a dataset error when picking Pretrained)."""
from __future__ import annotations

import threading

import pytest

from engine.lazy import TRANSFORMERS_LOCK, transformers_serialised


def _held() -> bool:
    return TRANSFORMERS_LOCK._is_owned()  # noqa: SLF001 - RLock's own check: held by this thread


def test_the_lock_is_reentrant_and_excludes_other_threads():
    order = []

    @transformers_serialised
    def slow(name):
        order.append(f"{name} in")
        assert _held()
        if name == "a":
            started.set()
            release.wait(5)
            slow("a again")  # re-entrant: loading a model resolves its tokenizer under the same lock
        order.append(f"{name} out")

    started, release = threading.Event(), threading.Event()
    first = threading.Thread(target=slow, args=("a",))
    first.start()
    started.wait(5)
    second = threading.Thread(target=slow, args=("b",))
    second.start()
    second.join(0.3)
    assert second.is_alive()  # waits for the first
    release.set()
    first.join(5)
    second.join(5)
    assert order == ["a in", "a again in", "a again out", "a out", "b in", "b out"]
    assert not _held()


@pytest.mark.parametrize("where", ["loading", "tokenizer"])
def test_data_loading_and_pretrained_tokenizers_hold_it(where, monkeypatch, tmp_path, reviews_csv):
    seen = []
    if where == "loading":
        from engine.data import loading, pipeline

        real = loading.builtin.load_builtin
        monkeypatch.setattr(loading.builtin, "load_builtin", lambda *a, **k: seen.append(_held()) or real(*a, **k))
        pipeline.load_columns("movie-reviews", "classification", "", "")
    else:
        from hf_tiny import make_bert

        from engine.models import pretrained

        real_init = pretrained.PretrainedTokenizer.__init__

        def init(self, *a, **k):
            seen.append(_held())
            real_init(self, *a, **k)

        monkeypatch.setattr(pretrained.PretrainedTokenizer, "__init__", init)
        pretrained.load_tokenizer(str(make_bert(tmp_path / "bert")), "bert")
    assert seen == [True] and not _held()
