"""Loading every supported source, previewing without full reads, and the bad-input messages."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import json  # noqa: E402

import pytest  # noqa: E402

from engine.data import loading  # noqa: E402
from engine.data.loading import detect_columns, load_table, preview  # noqa: E402
from engine.errors import DataError  # noqa: E402

ROWS = [("a great film", "pos"), ("dull and long", "neg"), ("loved it", "pos"), ("awful acting", "neg")]


def write_csv(path, rows=ROWS, header=("text", "label"), sep=",", encoding="utf-8"):
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_csv_loads_with_columns_and_encoding(tmp_path):
    loaded = load_table(str(write_csv(tmp_path / "d.csv")))
    assert loaded.format == "csv" and loaded.encoding == "utf-8"
    assert loaded.dataset.column_names == ["text", "label"]
    assert loaded.dataset[1] == {"text": "dull and long", "label": "neg"}


def test_gb18030_csv_loads_and_reports_encoding(tmp_path):
    rows = [("这部电影很好看", "正面"), ("太差了，浪费时间", "负面")]
    path = write_csv(tmp_path / "zh.csv", rows, header=("内容", "标签"), encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    loaded = load_table(str(path))
    assert loaded.encoding == "gb18030"
    assert loaded.dataset[0] == {"内容": "这部电影很好看", "标签": "正面"}
    assert preview(str(path))["encoding"] == "gb18030"


def test_utf8_bom_is_reported(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftext,label\nhi,a\n")
    loaded = load_table(str(path))
    assert loaded.encoding == "utf-8-sig" and loaded.dataset.column_names == ["text", "label"]


def test_an_excel_unicode_text_export_is_read_as_its_columns(tmp_path):
    """Excel's "Unicode Text" (.txt, UTF-16, tab-separated, CRLF, a header) was read as one column of
    'text\tlabel' lines; a corpus with a stray tab stays one text per line."""
    rows = ["text\tlabel"] + [f"{t}\t{lab}" for t, lab in ROWS * 3]
    excel = tmp_path / "excel_unicode.txt"
    excel.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-16"))
    loaded = load_table(str(excel))
    assert loaded.format == "tsv" and loaded.dataset.column_names == ["text", "label"]
    assert loaded.dataset[0] == {"text": "a great film", "label": "pos"} and len(loaded.dataset) == 12
    shown = preview(str(excel), rows=3)
    assert shown["columns"] == ["text", "label"] and shown["rows"][1]["label"] == "neg"
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("one line\nanother\twith a tab\nthird line\nfourth\n", encoding="utf-8")
    assert load_table(str(corpus)).dataset.column_names == ["text"]
    assert not loading.tab_table("a\tb\nc\td\n")  # two lines: too few to call it a table


def test_tsv_json_jsonl_txt_parquet(tmp_path):
    tsv = write_csv(tmp_path / "d.tsv", [("has, a comma", "pos"), ("x", "neg")], sep="\t")
    assert load_table(str(tsv)).dataset[0]["text"] == "has, a comma"
    records = [{"text": t, "label": lab} for t, lab in ROWS]
    (tmp_path / "r.json").write_text(json.dumps(records))
    (tmp_path / "c.json").write_text(json.dumps({"text": [t for t, _ in ROWS], "label": [1, 0, 1, 0]}))
    (tmp_path / "w.json").write_text(json.dumps({"data": records}))
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    (tmp_path / "d.txt").write_text("first line\n\nsecond line\n")
    # a file of named splits: every one is read (only the first had been, silently)
    (tmp_path / "s.json").write_text(json.dumps({"train": records[:2], "validation": records[2:3],
                                                 "test": records[3:], "version": "1.0"}))
    for name in ("r.json", "w.json", "d.jsonl", "s.json"):
        assert load_table(str(tmp_path / name)).dataset.to_list() == records
    assert load_table(str(tmp_path / "c.json")).dataset["label"] == [1, 0, 1, 0]
    txt = load_table(str(tmp_path / "d.txt"))
    assert txt.format == "txt" and txt.dataset["text"] == ["first line", "second line"]
    import pandas as pd

    pd.DataFrame(records).to_parquet(tmp_path / "d.parquet")
    pq = load_table(str(tmp_path / "d.parquet"))
    assert pq.format == "parquet" and pq.dataset.to_list() == records
    assert preview(str(tmp_path / "d.parquet"), rows=2)["total_rows"] == 4


def test_mixed_type_json_column_becomes_strings(tmp_path):
    (tmp_path / "m.json").write_text(json.dumps([{"text": "a", "label": 1}, {"text": "b", "label": "x"}]))
    assert load_table(str(tmp_path / "m.json")).dataset["label"] == ["1", "x"]


def test_class_folder_loads_interleaved(tmp_path):
    for label, texts in (("neg", ["bad", "worse"]), ("pos", ["good", "great", "best"])):
        (tmp_path / label).mkdir()
        for i, t in enumerate(texts):
            (tmp_path / label / f"{i}.txt").write_text(t + "\n", encoding="utf-8")
    (tmp_path / "neg" / "zh.txt").write_bytes("很差".encode("gb18030"))
    (tmp_path / "notes.md").write_text("ignored")
    loaded = load_table(str(tmp_path))
    assert loaded.format == "folder"
    assert loaded.dataset["label"][:2] == ["neg", "pos"]
    assert sorted(zip(loaded.dataset["label"], loaded.dataset["text"])) == sorted(
        [("neg", "bad"), ("neg", "worse"), ("neg", "很差"), ("pos", "good"), ("pos", "great"), ("pos", "best")])
    assert loaded.encoding == "gb18030,utf-8"
    p = preview(str(tmp_path), rows=3)
    assert p["total_rows"] == 6 and len(p["rows"]) == 3 and p["columns"] == ["text", "label"]


def test_save_to_disk_folders_load(tmp_path):
    import datasets

    ds = datasets.Dataset.from_dict({"sentence": ["a b", "c d"], "y": [0, 1]})
    ds.save_to_disk(str(tmp_path / "one"))
    datasets.DatasetDict({"train": ds, "test": ds}).save_to_disk(str(tmp_path / "dict"))
    assert load_table(str(tmp_path / "one")).format == "save_to_disk"
    assert len(load_table(str(tmp_path / "one")).dataset) == 2
    assert len(load_table(str(tmp_path / "dict")).dataset) == 4
    assert preview(str(tmp_path / "dict"))["columns"] == ["sentence", "y"]


def test_builtin_name_previews():
    p = preview("people-daily", rows=3)
    assert p["format"] == "builtin" and p["columns"] == ["text"] and len(p["rows"]) == 3
    assert p["total_rows"] > 15000


def test_big_csv_previews_without_full_read(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("text,label\n")
        fh.writelines(f"row number {i} says hello,{i % 3}\n" for i in range(200_000))
        fh.write('"this quote never closes,1\n')  # malformed tail: a full read fails here
    with pytest.raises(DataError, match="line 200002"):
        load_table(str(path))

    def no_full_load(*_a, **_k):
        raise AssertionError("preview must not load the whole file")

    monkeypatch.setattr(loading, "load_table", no_full_load)
    p = preview(str(path), rows=5)
    assert p["columns"] == ["text", "label"]
    assert p["rows"][4] == {"text": "row number 4 says hello", "label": "1"}
    assert p["total_rows_approx"] is True and abs(p["total_rows"] - 200_001) <= 1
    json.dumps(p)


def test_small_file_preview_is_exact(tmp_path):
    p = preview(str(write_csv(tmp_path / "d.csv")), rows=2)
    assert p["total_rows"] == 4 and p["total_rows_approx"] is False and len(p["rows"]) == 2


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"text,label\n", "no data rows"),
    (b"text,label\na,b\nc,d,e\n", "line 3"),
    (b'text,label\n"open quote,b\nc,d\n', "line 2"),
    (b"text,label\n\xff\xfe\x80 bad bytes,1\n", "UTF-8"),
])
def test_bad_csv_messages_name_the_file(tmp_path, content, needle):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        load_table(str(path))
    assert str(path) in str(err.value) and needle in str(err.value)


def test_bad_json_and_jsonl(tmp_path):
    (tmp_path / "b.json").write_text('[{"text": "a"},\n {"text": }]')
    (tmp_path / "b.jsonl").write_text('{"text": "a"}\n{"text": "b"\n')
    (tmp_path / "s.json").write_text('"just a string"')
    with pytest.raises(DataError, match="line 2"):
        load_table(str(tmp_path / "b.json"))
    with pytest.raises(DataError, match="line 2"):
        load_table(str(tmp_path / "b.jsonl"))
    with pytest.raises(DataError, match="not a table"):
        load_table(str(tmp_path / "s.json"))


def test_missing_unsupported_and_hub_offline(tmp_path, monkeypatch):
    import datasets

    def offline(name, **_kw):  # what datasets raises under HF_HUB_OFFLINE=1, without touching the network
        raise ConnectionError(f"Couldn't reach '{name}' on the Hub (OfflineModeIsEnabled)")

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(DataError, match="does not exist") as err:
        load_table(str(tmp_path / "nope.csv"))
    assert "nope.csv" in str(err.value) and "movie-reviews" in str(err.value)
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    with pytest.raises(DataError, match=r"\.xlsx.*Supported: CSV"):
        load_table(str(tmp_path / "sheet.xlsx"))
    with pytest.raises(DataError, match="hub failed .*OfflineModeIsEnabled"):
        load_table("someone-who-does-not-exist/no-such-dataset")
    with pytest.raises(DataError, match="hub"):
        preview("imdb")
    empty = tmp_path / "emptydir"
    empty.mkdir()
    with pytest.raises(DataError, match="sub-folder"):
        load_table(str(empty))


def test_detect_columns_by_name_shape_and_explicit():
    rows = [{"id": str(i), "body": f"some longer text number {i}", "stars": str(i % 3), "review": "x"}
            for i in range(30)]
    assert detect_columns(["id", "body", "stars", "review"], rows, "classification") == ("review", "stars")
    assert detect_columns(["id", "body", "stars"], rows, "classification") == ("body", "stars")
    assert detect_columns(["id", "body", "stars"], rows, "generation") == ("body", None)
    assert detect_columns(["内容", "类别"], [{"内容": "好", "类别": "a"}], "classification") == ("内容", "类别")
    assert detect_columns(["id", "body", "stars"], rows, "classification", "id", "stars") == ("id", "stars")
    with pytest.raises(DataError, match="'body'.*looks like text, not classes"):
        detect_columns(["id", "body", "stars"], rows, "classification", "id", "body")


def test_detect_columns_errors_list_the_columns():
    rows = [{"a": "x", "b": str(i)} for i in range(10)]
    with pytest.raises(DataError, match="'nope'.*data.text_column.*'a', 'b'"):
        detect_columns(["a", "b"], rows, "classification", text_column="nope", source="f.csv")
    with pytest.raises(DataError, match="No label column.*'a', 'b'"):
        detect_columns(["a", "b"], rows, "classification", source="f.csv")


def test_preview_of_multiline_quoted_csv(tmp_path, monkeypatch):
    path = tmp_path / "multi.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("text,label\n")
        fh.writelines(f'"line one of {i}\nline two\nline three",{i % 2}\n' for i in range(50_000))
    monkeypatch.setattr(loading, "load_table", lambda *_a, **_k: pytest.fail("full load"))
    p = preview(str(path), rows=30)
    assert len(p["rows"]) == 30 and p["rows"][29]["text"] == "line one of 29\nline two\nline three"
    assert p["total_rows"] is None


def test_nested_json_fields_become_dotted_columns(tmp_path):
    path = tmp_path / "nested.jsonl"
    rows = [{"meta": {"text": f"review number {i}", "lang": "en"}, "target": {"label": "pos" if i % 2 else "neg"}}
            for i in range(20)]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    ds = load_table(str(path)).dataset
    assert set(ds.column_names) == {"meta.text", "meta.lang", "target.label"}
    sample = ds.select(range(20)).to_list()
    assert detect_columns(ds.column_names, sample, "classification") == ("meta.text", "target.label")


@pytest.mark.parametrize("text, line, fields", [
    ("text,label\nI liked it, a lot,pos\nbad,neg\n", 2, 3),  # pandas made column 1 the index: shifted, text lost
    ("text,label\nt0,neg,extra,more\nt1,pos\nt2,neg\n", 2, 4),
    ("id,text\n1,I loved it, really\n2,awful, boring, long\n3,fine\n", 2, 3),  # pandas named line 3
    ("text,label\nfine,pos\n\"two\nlines\",neg\nlater, with a comma,pos\n", 5, 3),  # counted past a quoted newline
])
def test_a_row_with_text_past_the_header_is_refused_by_its_line(text, line, fields, tmp_path):
    """Rows with more fields than the header were read shifted (the first column became pandas' index), so texts
    lost their start and ids their values, with no word said; now the first such line is named."""
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8")
    for read in (lambda: load_table(str(path)), lambda: preview(str(path))):
        with pytest.raises(DataError) as err:
            read()
        message = str(err.value)
        assert f"line {line} has {fields} fields but the header names 2" in message and str(path) in message
        assert "double quotes" in message


def test_trailing_separators_and_an_excel_sep_line_read_as_meant(tmp_path):
    """Spreadsheets write a separator at the end of every line, and Excel a 'sep=;' line above the header."""
    path = tmp_path / "d.csv"
    path.write_text("text,label\ngreat film,pos,\nbad one,neg,\n", encoding="utf-8")
    assert load_table(str(path)).dataset.to_list() == [{"text": "great film", "label": "pos"},
                                                       {"text": "bad one", "label": "neg"}]
    path.write_text("sep=;\ntext;label\ngreat, fine film;pos\nbad one;neg\n", encoding="utf-8")
    assert load_table(str(path)).dataset.to_list() == [{"text": "great, fine film", "label": "pos"},
                                                       {"text": "bad one", "label": "neg"}]
    assert preview(str(path))["columns"] == ["text", "label"]


def test_a_text_file_with_stray_nul_bytes_is_said_to_hold_them_and_where(tmp_path):
    """A database dump's zero bytes made a UTF-8 file 'not text in any encoding': now the message says what is
    wrong and where; a binary file still reads as not text."""
    path = tmp_path / "d.csv"
    path.write_bytes("text,label\ngood film,pos\nbad \x00film,neg\nfine,pos\x00\n".encode())
    with pytest.raises(DataError, match=r"holds 2 zero \(NUL\) bytes, the first on line 3; the rest reads as utf-8"):
        load_table(str(path))
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(DataError, match="is not text in any encoding"):
        load_table(str(path))
