"""Which model to start with for the loaded data: a preset chosen by task, language, size and device, with the
time it should take here and whether fine-tuning the built-in MiniLM would do better.

The advice rests on measurements in this repository (bench/accuracy_table.py, bench/pretrained_quality.py,
README "Benchmarks"), quoted in `why`; speeds are those of a 2-core laptop-class CPU, so times are estimates."""
from __future__ import annotations

from dataclasses import dataclass, field

# samples/s when training on a 2-core CPU (measured by the benchmarks; a CUDA GPU is far faster)
CPU_SAMPLES_PER_S = {"wide-deep-movie-reviews": 2000.0, "wide-deep-chinese-reviews": 2000.0,
                     "gpt-people-daily": 400.0, "lstm-lm-movie-reviews": 900.0, "minilm-movie-reviews": 49.0}
MINILM_EPOCHS = 3  # bench/pretrained_quality.py's fine-tune: 0.851 on movie-reviews
# the default / wide-deep-movie-reviews settings: bench/accuracy_table.py (seeds 42-44) and bench/unseen_data.py
MR_DEFAULT, MR_BASELINE, UNSEEN_POINTS = "0.828", "0.794", "4.9"
MINILM_MAX_ROWS = 20_000  # beyond this the linear/wide models catch up and fine-tuning takes hours on a CPU
# below this many Chinese training texts the default (five copies averaged: model.ensemble auto) is about its
# baseline, sometimes below: bench/unseen_data.py --data chinese --set data.limit_rows=2000, seeds 42-47 (2,000-row
# samples of each kind of review, 200 test texts): books +4.33 points, laptops +0.33, hotels -2.00; --data
# chinese-samples (mixed kinds): 2,000 rows +0.33, 5,000 +0.23, 10,000 +1.10 (the LSTM default, AMD EPYC). Whole
# books.csv (3,748 rows) +3.11 (seeds 42-44).
ZH_FEW_TEXTS = 2500
# points against the baseline: books, laptops, hotels (2,000 rows each), mixed 2,000, mixed 5,000, mixed 10,000
ZH_SAMPLE_POINTS = ("+4.33", "+0.33", "−2.00", "+0.33", "+0.23", "+1.10")
ZH_FEW_TEXTS_TEXT = ("With {0:,} Chinese training texts expect about the baseline's accuracy, sometimes less: on "
                     "2,000-row samples the default (five copies averaged) scored {1} points against it on book "
                     "reviews, {2} on laptop and {3} on hotel reviews and {4} on mixed ones (6 seeds each, 200 test "
                     "texts: about ±3 points of noise); {5} on 5,000 mixed rows, {6} on 10,000. More texts help "
                     "the network more than the baseline: the run's baseline line shows where yours stands.")


def zh_few_texts_caveat(train_examples: int, template: str = "") -> str:
    """What to expect from the default on few Chinese texts, with the measured points (`template`: the same
    sentence in another language, placeholders {0}-{6})."""
    return (template or ZH_FEW_TEXTS_TEXT).format(train_examples, *ZH_SAMPLE_POINTS)


@dataclass
class Recommendation:
    preset: str                     # the preset whose model and training settings are recommended
    seconds: float | None           # expected training time here (None: the data is not loaded yet)
    why: str                        # the measured reason, one sentence
    minilm: str = ""                # when fine-tuning the built-in MiniLM would do better, and its cost
    keys: list[str] = field(default_factory=list)  # the config keys applying it changes
    minilm_seconds: float | None = None  # the MiniLM fine-tune's expected time here
    caveat: str = ""                # when the data is too small for the recommendation to beat its baseline


# what applying a recommendation changes: the model and how it trains, never the data source or its columns
APPLIED_PREFIXES = ("model.", "train.")
APPLIED_DATA_KEYS = ("data.tokenizer", "data.max_length", "data.min_freq", "data.vocab_size", "data.language")


def recommend(task: str, language: str, train_examples: int | None, device_type: str = "cpu") -> Recommendation:
    """The recommended preset for data of this task, language ('en', 'zh' or ''), size and device type."""
    from engine import config as cfgmod

    if task == "generation":
        preset = "gpt-people-daily" if language == "zh" else "lstm-lm-movie-reviews"
        why = ("A small GPT over characters suits Chinese text (no word splitting needed)." if language == "zh" else
               "An LSTM language model over words learns English text fastest on a CPU; try the GPT for longer "
               "context.")
    elif language == "zh":
        preset = "wide-deep-chinese-reviews"
        why = ("The default's model on characters: an LSTM over the first 32 characters plus a bag of character "
               "1-3-grams (the features of the TF-IDF baseline for Chinese) over up to 256 (about 45 s on "
               "chinese-reviews' 13,891 training texts). MiniLM "
               "knows only a few hundred Chinese characters, so the gain is small: on chinese-reviews 0.864 "
               "against 0.854 for TF-IDF + logistic regression (mean of 3 seeds, each above), and 1.6 points above "
               "that baseline on its books, hotels and laptops reviews taken as three data sets (8 of 9 runs); "
               "compare it with the baseline every run reports.")
    else:
        preset = "wide-deep-movie-reviews"
        why = ("An LSTM over words whose vectors start from the built-in MiniLM's, plus a bag of word 1-3-grams: "
               f"on movie-reviews it scored {MR_DEFAULT} (mean of 3 seeds) against {MR_BASELINE} for TF-IDF + "
               f"logistic regression, and {UNSEEN_POINTS} points above that baseline on three English review sets "
               "it was not tuned on (9 of 9 runs; several copies averaged on such small sets).")
    cfg = cfgmod.load_preset(preset)
    seconds = None
    if train_examples:
        rate = CPU_SAMPLES_PER_S[preset] * (20.0 if device_type == "cuda" else 1.0)
        # model.ensemble auto: each copy costs a model's time (several on small data sets, one on larger ones, no
        # more than fit its time budget)
        one = train_examples * cfgmod.planned_epochs(cfg, train_examples) / rate
        seconds = one * cfgmod.ensemble_members(cfg, train_examples, one)
    minilm = ""
    if task == "classification" and language != "zh" and (not train_examples or train_examples <= MINILM_MAX_ROWS):
        epochs = MINILM_EPOCHS
        cost = (train_examples or 0) * epochs / (CPU_SAMPLES_PER_S["minilm-movie-reviews"] *
                                                (20.0 if device_type == "cuda" else 1.0))
        minilm = ("Fine-tuning the built-in MiniLM (preset minilm-movie-reviews, 3 epochs) does better on English "
                  "text: 0.851 "
                  "vs 0.778 for TF-IDF + logistic regression on movie-reviews" +
                  (f", at about {duration_text(cost)} here" if train_examples else "") + ".")
    caveat = ""
    if task == "classification" and language == "zh" and train_examples and train_examples < ZH_FEW_TEXTS:
        caveat = zh_few_texts_caveat(train_examples)
    keys = [k for k in cfgmod.field_specs() if (k.startswith(APPLIED_PREFIXES) or k in APPLIED_DATA_KEYS)
            and k not in ("train.device", "train.num_threads")]  # where it trains stays the user's choice
    return Recommendation(preset, seconds, why, minilm, keys, cost if minilm and train_examples else None, caveat)


def apply_to(config, recommendation: Recommendation):
    """`config` with the recommended model and training settings; its data source, columns and splits stay."""
    from engine import config as cfgmod

    import copy

    preset = cfgmod.load_preset(recommendation.preset)
    out = copy.deepcopy(config)
    for key in recommendation.keys:
        cfgmod.set_value(out, key, cfgmod.get_value(preset, key))
    out.task = preset.task
    return out


def duration_text(seconds: float) -> str:
    """'45 s', '12 min', '2.5 h'."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
