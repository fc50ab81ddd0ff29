"""Language models and generate(): causality, learning, bf16, tying and every stopping rule of sampling."""
from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from engine.config import Config
from engine.models import build_model, count_parameters, filter_logits, generate

VOCAB, MAX_LEN, PAD, EOS = 100, 16, 0, 2
ARCHS = ["gpt", "lstm_lm"]


def tiny_cfg(arch: str, **model: object) -> Config:
    """A 2-layer, width-32 language-model config."""
    cfg = Config()
    cfg.task = "generation"
    cfg.data.max_length = MAX_LEN
    m = cfg.model
    m.arch, m.embed_dim, m.hidden_dim, m.num_layers, m.num_heads, m.ffn_dim, m.dropout = arch, 32, 32, 2, 4, 64, 0.1
    for key, value in model.items():
        setattr(m, key, value)
    return cfg


def make(arch: str, **model: object) -> torch.nn.Module:
    torch.manual_seed(0)
    return build_model(tiny_cfg(arch, **model), VOCAB, 0, pad_id=PAD)


@pytest.mark.parametrize("arch", ARCHS)
def test_shapes_and_attributes(arch: str) -> None:
    model = make(arch)
    assert (model.task, model.arch, model.pad_id) == ("generation", arch, PAD)
    assert model.max_context == (MAX_LEN if arch == "gpt" else 10**9)
    assert model(torch.randint(1, VOCAB, (3, MAX_LEN))).shape == (3, MAX_LEN, VOCAB)


def test_gpt_rejects_inputs_longer_than_its_context() -> None:
    with pytest.raises(ValueError, match="context"):
        make("gpt")(torch.randint(1, VOCAB, (1, MAX_LEN + 1)))


@pytest.mark.parametrize("arch", ARCHS)
def test_logits_of_a_prefix_ignore_later_tokens(arch: str) -> None:
    model = make(arch).eval()
    ids = torch.randint(1, VOCAB, (2, MAX_LEN))
    changed = ids.clone()
    changed[:, 9:] = torch.randint(1, VOCAB, (2, MAX_LEN - 9))
    with torch.no_grad():
        full, other, prefix = model(ids), model(changed), model(ids[:, :9])
    torch.testing.assert_close(full[:, :9], other[:, :9], atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(full[:, :9], prefix, atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize(("arch", "tie"), [("gpt", True), ("gpt", False), ("lstm_lm", True), ("lstm_lm", False)])
def test_weight_tying(arch: str, tie: bool) -> None:
    model = make(arch, tie_weights=tie, hidden_dim=48)
    emb = next(m for m in model.modules() if isinstance(m, torch.nn.Embedding))
    assert (model.head.weight is emb.weight) == tie
    total = sum(p.numel() for p in model.parameters())
    assert count_parameters(model)["total"] == total


def counting_batch(n: int = 32) -> torch.Tensor:
    """Sequences that count upwards: the next token is always the previous one plus one."""
    starts = torch.randint(3, VOCAB - MAX_LEN, (n, 1), generator=torch.Generator().manual_seed(0))
    return starts + torch.arange(MAX_LEN)


@pytest.mark.parametrize("arch", ARCHS)
def test_a_few_steps_reduce_the_loss(arch: str) -> None:
    model = make(arch).train()
    ids = counting_batch()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(25):
        logits = model(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), ids[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert sum(losses[-3:]) / 3 < 0.85 * losses[0], losses


@pytest.mark.parametrize("arch", ARCHS)
def test_bf16_autocast_forward(arch: str) -> None:
    model = make(arch).train()
    ids = counting_batch(4)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = model(ids)
        loss = F.cross_entropy(logits.float().reshape(-1, VOCAB), ids.reshape(-1))
    assert logits.shape == (4, MAX_LEN, VOCAB) and torch.isfinite(logits).all()
    loss.backward()


def test_gpt_attention_maps_are_causal() -> None:
    maps = make("gpt").eval().attention_maps(torch.randint(1, VOCAB, (2, 6)))
    assert len(maps) == 2 and maps[0].shape == (2, 4, 6, 6)
    assert not maps[0].triu(diagonal=1).any()
    torch.testing.assert_close(maps[0].sum(-1), torch.ones(2, 4, 6))


# --- generate() ------------------------------------------------------------------------------------


@pytest.mark.parametrize("arch", ARCHS)
def test_generate_respects_max_new_tokens_and_crops_the_context(arch: str) -> None:
    model = make(arch).eval()
    prompt = torch.randint(3, VOCAB, (1, 10))
    out = generate(model, prompt, max_new_tokens=20, generator=torch.Generator().manual_seed(0))
    assert out.shape == (1, 30) and torch.equal(out[:, :10], prompt)  # 30 > MAX_LEN: the window slid
    assert generate(model, prompt[0], max_new_tokens=0).shape == (1, 10)
    batch = generate(model, torch.randint(3, VOCAB, (3, 4)), max_new_tokens=5, top_k=10, top_p=0.9)
    assert batch.shape == (3, 9)


@pytest.mark.parametrize("arch", ARCHS)
def test_greedy_is_deterministic_and_equals_top_k_1(arch: str) -> None:
    model = make(arch).eval()
    prompt = torch.tensor([[5, 6, 7]])
    a = generate(model, prompt, max_new_tokens=12, greedy=True)
    b = generate(model, prompt, max_new_tokens=12, greedy=True)
    k1 = generate(model, prompt, max_new_tokens=12, top_k=1, temperature=0.7)
    assert torch.equal(a, b) and torch.equal(a, k1)
    assert torch.equal(a, generate(model, prompt, max_new_tokens=12, temperature=0.0))


@pytest.mark.parametrize("arch", ARCHS)
def test_sampling_is_repeatable_with_a_generator(arch: str) -> None:
    model = make(arch).eval()
    prompt = torch.tensor([[5, 6, 7]])
    runs = [generate(model, prompt, max_new_tokens=12, temperature=1.5,
                     generator=torch.Generator().manual_seed(s)) for s in (3, 3, 4)]
    assert torch.equal(runs[0], runs[1]) and not torch.equal(runs[0], runs[2])


@pytest.mark.parametrize("arch", ARCHS)
def test_generate_stops_at_eos(arch: str) -> None:
    model = make(arch).eval()
    prompt = torch.tensor([[5, 6, 7]])
    free = generate(model, prompt, max_new_tokens=12, greedy=True)[0, 3:].tolist()
    eos = free[4]
    first = free.index(eos)
    seen: list[int] = []
    out = generate(model, prompt, max_new_tokens=12, greedy=True, eos_id=eos, on_token=seen.append)
    assert out[0, 3:].tolist() == free[: first + 1]  # the EOS is kept
    assert seen == free[:first]  # ...but not streamed


def test_finished_rows_are_padded_until_all_rows_end() -> None:
    class Script(torch.nn.Module):
        """Row 0 says EOS at once, row 1 says 9, 9, then EOS."""

        pad_id = PAD

        def __init__(self) -> None:
            super().__init__()
            self.w = torch.nn.Parameter(torch.zeros(1))

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            logits = torch.zeros(ids.shape[0], ids.shape[1], VOCAB)
            logits[0, -1, EOS] = 10
            logits[1, -1, 9 if ids.shape[1] < 3 else EOS] = 10
            return logits

    out = generate(Script(), torch.tensor([[4], [4]]), max_new_tokens=10, greedy=True, eos_id=EOS)
    assert out.tolist() == [[4, EOS, PAD, PAD], [4, 9, 9, EOS]]


@pytest.mark.parametrize("arch", ARCHS)
def test_on_token_returning_false_stops(arch: str) -> None:
    model = make(arch).eval()
    seen: list[int] = []

    def on_token(token: int) -> bool:
        seen.append(token)
        return len(seen) < 3

    out = generate(model, torch.tensor([[5, 6]]), max_new_tokens=20, on_token=on_token)
    assert out.shape == (1, 5) and out[0, 2:].tolist() == seen
    with pytest.raises(ValueError, match="batch size 1"):
        generate(model, torch.tensor([[5], [6]]), max_new_tokens=2, on_token=on_token)


def test_generate_leaves_the_mode_alone() -> None:
    model = make("gpt").train()
    generate(model, torch.tensor([[5]]), max_new_tokens=2)
    assert model.training


def test_filter_logits_top_k_and_top_p() -> None:
    logits = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]]))
    assert torch.isinf(filter_logits(logits, top_k=2)).tolist() == [[False, False, True, True]]
    assert torch.isinf(filter_logits(logits, top_p=0.7)).tolist() == [[False, False, True, True]]
    assert torch.isinf(filter_logits(logits, top_p=0.81)).tolist() == [[False, False, False, True]]
    assert torch.isinf(filter_logits(logits, top_p=0.1)).tolist() == [[False, True, True, True]]
    shuffled = logits[:, [2, 0, 3, 1]]
    assert torch.isinf(filter_logits(shuffled, top_p=0.7)).tolist() == [[True, False, True, False]]


def test_repetition_penalty_pushes_seen_tokens_down() -> None:
    from engine.models.sampling import penalize_repeats

    logits = torch.tensor([[2.0, -1.0, 0.5, 3.0]])
    seen = torch.tensor([[0, 1]])
    out = penalize_repeats(logits, seen, 2.0)
    assert out.tolist() == [[1.0, -2.0, 0.5, 3.0]]
    assert torch.equal(penalize_repeats(logits, seen, 1.0), logits)


def test_repetition_penalty_changes_greedy_loops() -> None:
    """A model that always prefers token 5 repeats it; a strong penalty makes it pick something else."""
    from engine.models import generate

    class Fixed(torch.nn.Module):
        pad_id = 0

        def __init__(self) -> None:
            super().__init__()
            self.w = torch.nn.Parameter(torch.zeros(1))

        def forward(self, ids):
            logits = torch.zeros(ids.shape[0], ids.shape[1], 8)
            logits[..., 5] = 2.0
            logits[..., 6] = 1.5
            return logits

    plain = generate(Fixed(), torch.tensor([[1]]), max_new_tokens=3, greedy=True)
    assert plain[0, 1:].tolist() == [5, 5, 5]
    penalized = generate(Fixed(), torch.tensor([[1]]), max_new_tokens=3, greedy=True, repetition_penalty=2.0)
    assert penalized[0, 1:].tolist() == [5, 6, 5]  # 5: 2 -> 1; 6: 1.5 -> 0.75 once both were seen


@pytest.mark.parametrize("arch", ["lstm_lm", "lstm"])
def test_an_lstm_runs_in_fp32_under_autocast_where_the_cpu_cannot_run_it_in_bf16(arch: str, monkeypatch) -> None:
    """CPUs without AVX-512 (an AMD EPYC with AVX2) cannot run oneDNN's LSTM in bf16; the model then runs its LSTM
    in fp32 and autocast keeps the rest. Simulated here by marking bf16 as unsupported, whatever this CPU can do."""
    from engine.models import layers
    from engine.models.classifiers import RNNClassifier

    monkeypatch.setitem(layers.lstm_runs_in.__defaults__[0], torch.bfloat16, False)
    torch.manual_seed(0)
    model = make("lstm_lm") if arch == "lstm_lm" else RNNClassifier("lstm", VOCAB, 3, 16, 16, 2, True, 0.0)
    model.train()
    ids = counting_batch(4)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = model(ids)
    assert torch.isfinite(logits).all()
    logits.float().sum().backward()
    model.eval()
    with torch.no_grad():
        plain = model(ids)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            mixed = model(ids)
    torch.testing.assert_close(mixed.float(), plain, atol=0.1, rtol=0.05)  # only the head ran in bf16
