"""Read whatever the user points at (files, folders, hub ids, built-ins) into a datasets.Dataset."""
from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.data import builtin
from engine.data.cleaning import detect_columns  # noqa: F401  (part of this module's API)
from engine.errors import DataError
from engine.lazy import transformers_serialised

SUPPORTED = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".parquet": "parquet", ".pq": "parquet", ".txt": "txt", ".text": "txt"}
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
NA_VALUES = ["", "NaN", "nan"]
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_SUPPORTED_TEXT = ("CSV (.csv), TSV (.tsv/.tab), JSON (.json), JSON Lines (.jsonl/.ndjson), Parquet (.parquet/.pq), "
                   "plain text with one text per line (.txt), a folder with one sub-folder of .txt files per class, "
                   "or a folder written by datasets' save_to_disk")


@dataclass
class LoadedData:
    """A loaded table plus where it came from and how its bytes were decoded."""

    dataset: Any  # datasets.Dataset
    format: str
    encoding: str | None
    path: str
    blank_lines: int = 0  # a .txt file's lines with no text, left out (one text per line: its rows)


def decode_bytes(data: bytes, where: str, final: bool = True) -> tuple[str, str]:
    """Decode with utf-8 (utf-8-sig when a BOM is present), else gb18030 when the bytes read as Chinese, else
    cp1252 (Western European); UTF-16 is recognised by its BOM or its zero bytes. DataError when none fits."""
    utf16 = _utf16(data)
    if utf16:
        try:
            return codecs.getincrementaldecoder(utf16)(errors="strict").decode(data, final=final), utf16
        except UnicodeDecodeError:
            pass
    order = ("utf-8-sig",) + ENCODINGS if data.startswith(codecs.BOM_UTF8) else ENCODINGS
    if b"\x00" not in data:  # zero bytes: binary (or UTF-16 that did not decode), never text
        for enc in order + ("cp1252",):
            try:
                text = codecs.getincrementaldecoder(enc)(errors="strict").decode(data, final=final)
            except UnicodeDecodeError:
                continue
            if enc == "gb18030" and not _reads_as_chinese(text):
                continue  # e.g. Latin-1/cp1252 accents, which gb18030 also "decodes" into nonsense characters
            if enc == "cp1252" and not _reads_as_western(text):
                continue
            return text, enc
    else:
        _refuse_stray_nuls(data, where, order, final)
    raise DataError(f"'{where}' is not text in any encoding this app reads ({', '.join(ENCODINGS)}, utf-16, "
                    f"cp1252). Open it in a text editor or spreadsheet program and save it as UTF-8, then try again.")


def _refuse_stray_nuls(data: bytes, where: str, encodings: tuple[str, ...], final: bool = True) -> None:
    """Text with a few zero bytes in it (database dumps and some exports leave them): say so, and on which line,
    instead of calling the file not text. Binary files hold far more zeros, or no text once they are taken out."""
    nuls = data.count(0)
    if nuls > len(data) // 5:
        return
    stripped = data.replace(b"\x00", b"")
    for enc in encodings:
        try:
            text = codecs.getincrementaldecoder(enc)(errors="strict").decode(stripped, final=final)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and not _reads_as_chinese(text):
            continue
        if any(ord(c) < 32 and c not in "\t\r\n\f" for c in text[:50000]):
            return
        line = data[:data.index(0)].count(b"\n") + 1
        raise DataError(f"'{where}' holds {nuls:,} zero (NUL) byte{'s' if nuls != 1 else ''}, the first on line "
                        f"{line}; the rest reads as {enc.replace('-sig', '')} text. A database or program export "
                        f"left them in: remove them (find and replace in a text editor, or "
                        f"tr -d '\\000' < file > clean-file) and try again.")


def _utf16(data: bytes) -> str | None:
    """'utf-16' for a UTF-16 BOM, 'utf-16-le'/'utf-16-be' for BOM-less text whose every other byte is zero."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _reads_as_chinese(text: str) -> bool:
    """True when most non-ASCII characters are common GB2312 ones (both bytes >= 0xA1), as in real Chinese text;
    Western accents misread as gb18030 pair a lead byte with an ASCII letter and land on rare characters."""
    wide = [c for c in text if ord(c) > 127][:5000]
    if not wide:
        return True
    common = 0
    for c in wide:
        b = c.encode("gb18030")
        common += len(b) == 2 and b[0] >= 0xA1 and b[1] >= 0xA1
    return common >= 0.7 * len(wide)


# what Word and Excel put in Windows-1252 text besides accented letters: curly quotes, dashes, the ellipsis, the
# bullet, currency and a few signs (and the no-break space)
_TYPOGRAPHIC = set("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u2122\u00a0\u00ab\u00bb"
                   "\u00b0\u00a9\u00ae\u00a3\u00a7\u00b7\u00bd")


def _reads_as_western(text: str) -> bool:
    """True when cp1252 gives text a person wrote: no control characters, and most non-ASCII characters are
    accented letters next to an ASCII letter ("Très", "café") or typographic punctuation next to a letter, digit or
    space ("don’t", "“must see” – really") rather than runs of symbols from binary data."""
    sample = text[:50000]
    if any((ord(c) < 32 and c not in "\t\r\n\f") for c in sample):
        return False
    wide = [i for i, c in enumerate(sample) if ord(c) > 127]
    if not wide:
        return True

    def beside(i: int, ok) -> bool:  # noqa: ANN001
        return any(0 <= j < len(sample) and ok(sample[j]) for j in (i - 1, i + 1))

    near = sum(1 for i in wide if (sample[i].isalpha() and beside(i, lambda c: c.isascii() and c.isalpha()))
               or (sample[i] in _TYPOGRAPHIC and beside(i, lambda c: c.isascii() and (c.isalnum() or c == " "))))
    return near >= 0.5 * len(wide)


def _resolve(spec: str) -> tuple[str, Path | None]:
    """The format of a source (file format, 'folder', 'save_to_disk', 'builtin' or 'hub') and its path."""
    if builtin.is_builtin(spec):
        return "builtin", None
    path = Path(spec).expanduser()
    if path.is_dir():
        if any((path / n).is_file() for n in ("dataset_info.json", "state.json", "dataset_dict.json")):
            return "save_to_disk", path
        return "folder", path
    if path.is_file():
        fmt = SUPPORTED.get(path.suffix.lower())
        if fmt is None:
            raise DataError(f"'{path}' has the extension '{path.suffix or '(none)'}', which this app cannot read. "
                            f"Supported: {_SUPPORTED_TEXT}. Export or rename the file accordingly.")
        if path.stat().st_size == 0:
            raise DataError(f"The data file '{path}' is empty (0 bytes). Pick a file that holds your texts.")
        return fmt, path
    suffix = path.suffix.lower()
    if _HUB_ID.match(spec) and not spec.startswith((".", "~")) and not (suffix in SUPPORTED or suffix in (
            ".xlsx", ".xls", ".gz", ".zip", ".bz2", ".xz", ".arrow")):
        return "hub", None
    names = ", ".join(b["name"] for b in builtin.list_builtin())
    raise DataError(f"The data file '{spec}' does not exist (looked for '{path.resolve()}'). Check the path, or use "
                    f"a built-in dataset: {names}.")


@transformers_serialised
def load_table(spec: str) -> LoadedData:
    """Load a built-in name, file, folder or hub id completely into a datasets.Dataset."""
    spec = str(spec).strip()
    fmt, path = _resolve(spec)
    if fmt == "builtin":
        meta = next(b for b in builtin.list_builtin() if b["name"] == spec)
        return LoadedData(builtin.load_builtin(spec, meta["tasks"][0]), "builtin", "utf-8", spec)
    if fmt == "hub":
        return LoadedData(_load_hub(spec), "hub", None, spec)
    assert path is not None
    if fmt == "save_to_disk":
        ds, enc = _load_saved(path), None
    elif fmt == "folder":
        ds, enc = _load_class_folder(path)
    elif fmt == "parquet":
        ds, enc = _load_parquet(path), None
    elif fmt in ("csv", "tsv") and path.stat().st_size > STREAM_BYTES and (enc := _stream_encoding(path)):
        ds = _read_csv_arrow(path, fmt, enc) or _read_csv_chunks(path, fmt, enc)
    else:
        text, enc = decode_bytes(path.read_bytes(), str(path))
        if not text.strip():
            raise DataError(f"The data file '{path}' is empty (only whitespace). Pick a file that holds your texts.")
        fmt = "tsv" if fmt == "txt" and tab_table(text) else fmt
        ds = _dataset_from_frame(_parse_text(fmt, text, path), path)
    if len(ds) == 0:
        raise DataError(f"'{path}' contains no data rows (only a header or empty structure). Add rows of text.")
    blank = len(text.splitlines()) - len(ds) if fmt == "txt" else 0
    return LoadedData(ds, fmt, enc, str(path), blank_lines=blank)


def tab_table(text: str, lines: int = 50) -> bool:
    """A .txt that is a tab-separated table: Excel's "Unicode Text" export (UTF-16, tabs, a header row). Every one
    of its first non-blank lines (at least 3) has the same number of tabs, and the first one names distinct
    columns; a corpus or a list of texts has no such regular tabs."""
    first = [line for line in text.splitlines()[: lines * 2] if line.strip()][:lines]
    if len(first) < 3:
        return False
    tabs = {line.count("\t") for line in first}
    if len(tabs) != 1 or tabs == {0}:
        return False
    header = [c.strip() for c in first[0].split("\t")]
    return all(header) and len(set(header)) == len(header) and all(len(c) <= 64 for c in header)


STREAM_BYTES = 32 << 20  # CSV/TSV files larger than this are decoded and parsed a chunk at a time
STREAM_ROWS = 100_000  # rows per parsed chunk


def _stream_encoding(path: Path) -> str | None:
    """The encoding of a large file, found on its first chunk and checked on every other chunk without holding
    the decoded text; None (read it whole, as small files are) when a later chunk disagrees or holds NULs."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
        _, enc = decode_bytes(head, str(path), final=False)
        decoder = codecs.getincrementaldecoder(enc)(errors="strict")
        wide = enc.startswith("utf-16")
        try:
            decoder.decode(head)
            while chunk := fh.read(8 << 20):
                if not wide and b"\x00" in chunk:
                    return None
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return enc


def _read_csv_arrow(path: Path, fmt: str, encoding: str):
    """A large CSV/TSV read by Arrow's own parser into string columns (no Python object per cell), or None
    when Arrow cannot read it the way pandas would (ragged rows, duplicate headers, ...): then the pandas
    reader parses it, with its messages for broken files."""
    import datasets
    import pyarrow as pa
    from pyarrow import csv as pacsv
    from datasets.table import InMemoryTable

    sep, skip = _csv_layout(_first_lines(path, encoding), fmt)
    try:
        header = pacsv.open_csv(path, read_options=pacsv.ReadOptions(encoding=encoding, skip_rows=skip),
                                parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True)).schema.names
        if len(set(header)) != len(header) or any(not name.strip() for name in header):
            return None  # pandas names these "a.1" / "Unnamed: 0"
        table = pacsv.read_csv(
            path, read_options=pacsv.ReadOptions(encoding=encoding, skip_rows=skip),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in header},
                                                 null_values=NA_VALUES, strings_can_be_null=True))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeError, ValueError):
        return None
    if table.num_rows == 0:
        return None
    return datasets.Dataset(InMemoryTable(table), fingerprint=_file_fingerprint(path))


def _file_fingerprint(path: Path) -> str:
    """Names a table read from a file, so datasets need not hash (serialise) the whole table to name it."""
    stat = path.stat()
    return hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]


def _read_csv_chunks(path: Path, fmt: str, encoding: str):
    """A large CSV/TSV parsed STREAM_ROWS rows at a time into one Arrow table of strings: peak memory is one
    chunk's Python strings plus the table, not the whole decoded text (four times the file for pandas)."""
    import datasets
    import pandas as pd
    import pyarrow as pa
    from datasets.table import InMemoryTable

    sep, skip = _csv_layout(_first_lines(path, encoding), fmt)
    tables, schema = [], None
    try:
        index_col = None
        for _attempt in range(2):
            tables, schema = [], None
            reader = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=NA_VALUES,
                                 encoding=encoding, chunksize=STREAM_ROWS, index_col=index_col, skiprows=skip)
            for frame in reader:
                if not isinstance(frame.index, pd.RangeIndex):  # rows longer than the header: see _parse_text
                    break
                frame.columns = [str(c) for c in frame.columns]
                if schema is None:
                    schema = pa.schema([(c, pa.string()) for c in frame.columns])
                tables.append(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
            else:
                break
            with open(path, encoding=encoding, errors="replace", newline="") as fh:
                error = _long_row_error(fh, path, fmt, sep, skip)
            if error:
                raise error
            index_col = False  # only empty fields past the header (trailing separators): read without them
    except pd.errors.EmptyDataError:
        raise DataError(f"The data file '{path}' has no header or rows. Put column names on the first "
                        f"line.") from None
    except (pd.errors.ParserError, ValueError) as exc:
        with open(path, encoding=encoding, errors="replace", newline="") as fh:
            raise (_long_row_error(fh, path, fmt, sep, skip) or _csv_error(exc, path, fmt, sep)) from None
    if not tables:
        raise DataError(f"'{path}' contains no data rows (only a header or empty structure). Add rows of text.")
    return datasets.Dataset(InMemoryTable(pa.concat_tables(tables)), fingerprint=_file_fingerprint(path))


def _csv_error(exc: Exception, path: Path, fmt: str, sep: str) -> DataError:
    msg = str(exc).replace("Error tokenizing data. C error: ", "").strip()
    row = re.search(r"starting at row (\d+)", msg)
    if row:
        msg = f"a quoted field starting on line {int(row.group(1)) + 1} is never closed"
    return DataError(f"'{path}' is not a well-formed {fmt.upper()} file: {msg}. Every row needs the same number "
                     f"of {_SEP_NAMES[sep]} as the header and quotes must be balanced; fix "
                     f"that line or save the file again from a spreadsheet program.")


def _parse_text(fmt: str, text: str | None, path: Path, nrows: int | None = None, encoding: str | None = None):
    """Decoded text -> pandas DataFrame (first nrows only when given); CSV/TSV text=None streams from path."""
    import pandas as pd

    if fmt in ("csv", "tsv"):
        sep, skip = _csv_layout(text if text is not None else _first_lines(path, encoding), fmt)

        def rows_again():  # the text again, for the check of rows longer than the header
            if text is not None:
                return contextlib.nullcontext(io.StringIO(text, newline=""))
            return open(path, encoding=encoding or "utf-8", errors="replace", newline="")

        def read(index_col):  # noqa: ANN001, ANN202
            return pd.read_csv(io.StringIO(text) if text is not None else path, sep=sep, dtype=str,
                               keep_default_na=False, index_col=index_col, skiprows=skip, na_values=NA_VALUES,
                               nrows=nrows, encoding=None if text is not None else encoding,
                               encoding_errors="strict" if text is not None else "replace")

        try:
            frame = read(None)
            if not isinstance(frame.index, pd.RangeIndex):
                # The first rows have more fields than the header: pandas made the first column(s) the index and
                # shifted every column. Text past the header is refused (the line is named); only empty fields
                # there (a trailing separator on each line, as spreadsheets write) are read without them.
                with rows_again() as fh:
                    error = _long_row_error(fh, path, fmt, sep, skip)
                if error:
                    raise error
                frame = read(False)
        except pd.errors.EmptyDataError:
            raise DataError(f"The data file '{path}' has no header or rows. Put column names on the first "
                            f"line.") from None
        except (pd.errors.ParserError, ValueError) as exc:
            with rows_again() as fh:
                raise (_long_row_error(fh, path, fmt, sep, skip) or _csv_error(exc, path, fmt, sep)) from None
        return frame
    if fmt == "txt":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return pd.DataFrame({"text": lines[:nrows] if nrows else lines})
    if fmt == "jsonl":
        records = []
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            if nrows is not None and len(records) >= nrows:
                break
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataError(f"'{path}' is not valid JSON Lines: line {lineno} is not a JSON value ({exc.msg}). "
                                f"Each line must hold one JSON object like {{\"text\": ..., \"label\": ...}}."
                                ) from None
        return _records_frame(records, path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"'{path}' is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. Fix it "
                        f"there (a JSON Lines file needs the .jsonl extension).") from None
    if isinstance(obj, dict):
        lists = [v for v in obj.values() if isinstance(v, list)]
        if lists and all(isinstance(v, list) for v in obj.values()) and len({len(v) for v in lists}) == 1 and not (
                lists[0] and isinstance(lists[0][0], dict)):
            return pd.DataFrame(obj)  # columnar {"text": [...], "label": [...]}
        tables = [v for v in lists if v and isinstance(v[0], dict)]
        # {"train": [...], "validation": [...], "test": [...]}: every list, one table (the app draws its own splits)
        obj = [row for table in tables for row in table] if tables else None
    if not isinstance(obj, list):
        raise DataError(f"'{path}' holds JSON but not a table. Use a list of objects like [{{\"text\": \"...\", "
                        f"\"label\": \"...\"}}, ...] or columns like {{\"text\": [...], \"label\": [...]}}.")
    return _records_frame(obj[:nrows] if nrows else obj, path)


_SEP_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "'|' characters"}


_EXCEL_SEP = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)  # Excel's "sep=;" line above the header


def _csv_layout(text: str, fmt: str) -> tuple[str, int]:
    """(separator, lines to skip) from the file's first line(s): Excel's ``sep=X`` line names the separator and is
    not the header (skipped); else _csv_delimiter's guess for CSV, tabs for TSV."""
    first = text.split("\n", 1)[0].rstrip("\r")
    excel = _EXCEL_SEP.match(first)
    if excel:
        return excel.group(1), 1
    return (_csv_delimiter(text) if fmt == "csv" else "\t"), 0


def _first_lines(path: Path, encoding: str | None, lines: int = 2) -> str:
    with open(path, encoding=encoding or "utf-8", errors="replace") as f:
        return "".join(f.readline() for _ in range(lines))


def _first_long_row(source, sep: str, skip: int) -> tuple[int, int, int, list[str]] | None:  # noqa: ANN001
    """The first row with text in more fields than the header names (line number, its fields, the header's, the
    fields), read with Python's csv module from a text or an open file; None when every longer row only has empty
    fields past the header (a trailing separator on each line, as spreadsheets write): those read fine."""
    import csv

    lines = iter(source)
    for _ in range(skip):
        next(lines, None)
    reader = csv.reader(lines, delimiter=sep)
    header = next(reader, None)
    if header is None:
        return None
    width, line = len(header), reader.line_num + skip
    for fields in reader:
        start, line = line + 1, reader.line_num + skip
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            return start, len(fields), width, fields
    return None


def _long_row_error(source, path: Path, fmt: str, sep: str, skip: int) -> DataError | None:  # noqa: ANN001
    found = _first_long_row(source, sep, skip)
    if found is None:
        return None
    line, fields, width, values = found
    shown = sep.join(values)
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    names = _SEP_NAMES.get(sep, f"'{sep}' characters")
    return DataError(f"'{path}' is not a well-formed {fmt.upper()} file: line {line} has {fields} fields but the "
                     f"header names {width} ({shown!r}), so its columns would shift and part of its text be lost. "
                     f"A text that holds {names} must be in double quotes (\"I liked it, a lot\"); fix that line "
                     f"(and any like it) or save the file again from a spreadsheet program, which quotes them.")


def _csv_delimiter(text: str) -> str:
    """',' unless the header line has no comma but semicolons or tabs (spreadsheets in many locales save
    "CSV" with ';')."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    for sep in (";", "\t", "|"):
        if sep in header:
            return sep
    return ","


def _records_frame(records: list, path: Path):
    import pandas as pd

    if records and all(isinstance(r, str) for r in records):
        return pd.DataFrame({"text": records})
    bad = next((i for i, r in enumerate(records) if not isinstance(r, dict)), None)
    if bad is not None:
        raise DataError(f"'{path}': record {bad + 1} is a {type(records[bad]).__name__}, not an object. Every record "
                        f"must be an object like {{\"text\": \"...\", \"label\": \"...\"}}.")
    if any(isinstance(v, dict) for r in records[:1000] for v in r.values()):
        return pd.json_normalize(records, sep=".")  # {"meta": {"text": ...}} -> column "meta.text"
    return pd.DataFrame.from_records(records)


def _is_missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _dataset_from_frame(df, path: Path):
    """pandas -> datasets.Dataset; columns mixing value types become strings (missing stays missing)."""
    import datasets

    df.columns = [str(c) for c in df.columns]
    for col in df.columns:
        if df[col].dtype == object:
            kinds = {type(v) for v in df[col] if not _is_missing(v)}
            if len(kinds) > 1 or kinds & {dict, list}:
                df[col] = [None if _is_missing(v) else (json.dumps(v, ensure_ascii=False) if isinstance(
                    v, (dict, list)) else str(v)) for v in df[col]]
    try:
        return datasets.Dataset.from_pandas(df, preserve_index=False)
    except Exception as exc:  # pyarrow raises several unrelated types for odd cells
        raise DataError(f"'{path}' has values that cannot form a table ({exc}). Make every column hold one kind "
                        f"of value (text or numbers).") from None


def _load_parquet(path: Path):
    import datasets
    import pyarrow as pa
    import pyarrow.parquet as pq
    from datasets.table import InMemoryTable

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"'{path}' is not a readable Parquet file ({exc}). Write it again with pandas' to_parquet "
                        f"or export it as CSV.") from None
    return datasets.Dataset(InMemoryTable(table))


def _class_files(path: Path) -> dict[str, list[Path]]:
    """Sub-folder name -> its .txt files, for a folder laid out as one sub-folder per class."""
    classes = {}
    for sub in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(f for f in sub.iterdir() if f.is_file() and f.suffix.lower() == ".txt")
        if files:
            classes[sub.name] = files
    if not classes:
        raise DataError(f"The folder '{path}' has no sub-folders of .txt files. For classification put one "
                        f"sub-folder per class (e.g. {path}/positive/*.txt and {path}/negative/*.txt), or point at a "
                        f"single file ({_SUPPORTED_TEXT}).")
    return classes


def _interleave(classes: dict[str, list[Path]]) -> list[tuple[str, Path]]:
    """Round-robin over classes so the first rows already show every class."""
    out, longest = [], max(len(v) for v in classes.values())
    for i in range(longest):
        out.extend((name, files[i]) for name, files in classes.items() if i < len(files))
    return out


def _read_class_files(items: list[tuple[str, Path]]) -> tuple[list[str], list[str], str]:
    texts, labels, encodings = [], [], set()
    for label, f in items:
        text, enc = decode_bytes(f.read_bytes(), str(f))
        texts.append(text.strip())
        labels.append(label)
        encodings.add(enc)
    return texts, labels, ",".join(sorted(encodings))


def _load_class_folder(path: Path):
    import datasets

    texts, labels, enc = _read_class_files(_interleave(_class_files(path)))
    return datasets.Dataset.from_dict({"text": texts, "label": labels}), enc


def _merge_splits(obj: Any, where: str):
    """A DatasetDict becomes one Dataset (all splits; this app makes its own split)."""
    import datasets

    if isinstance(obj, (datasets.DatasetDict, dict)):
        parts = [obj[k] for k in obj]
        if not parts:
            raise DataError(f"'{where}' holds no splits. Save a Dataset with rows of text.")
        try:
            return datasets.concatenate_datasets(parts)
        except ValueError:
            return obj["train"] if "train" in obj else parts[0]
    return obj


def _load_saved(path: Path):
    import datasets

    try:
        return _merge_splits(datasets.load_from_disk(str(path)), str(path))
    except (FileNotFoundError, ValueError, OSError, json.JSONDecodeError) as exc:
        raise DataError(f"'{path}' looks like a datasets.save_to_disk folder but cannot be read ({exc}). Save it "
                        f"again with dataset.save_to_disk().") from None


def _hub_error(spec: str, exc: BaseException) -> DataError:
    names = ", ".join(b["name"] for b in builtin.list_builtin())
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    here = "" if Path(spec).expanduser().is_absolute() else f" (a relative path is read from the current folder, " \
        f"{Path.cwd()})"
    return DataError(f"'{spec}' is not a file or folder here{here} and not a built-in dataset ({names}), and loading "
                     f"it from the Hugging Face hub failed ({reason}). Check the path, or connect to the internet "
                     f"(and unset HF_HUB_OFFLINE/HF_DATASETS_OFFLINE) to use a hub dataset.")


def _load_hub(spec: str):
    import datasets

    try:
        return _merge_splits(datasets.load_dataset(spec), spec)
    except DataError:
        raise
    except Exception as exc:  # network, auth and missing-repo errors come in many types
        raise _hub_error(spec, exc) from None


def _read_head(path: Path, want_lines: int, limit: int = 8 << 20) -> tuple[bytes, bool]:
    """The file's first bytes, cut after a newline, holding want_lines lines if it can; (bytes, whole file?)."""
    buf = b""
    with open(path, "rb") as fh:
        while len(buf) < limit:
            chunk = fh.read(256 << 10)
            if not chunk:
                return buf, True
            buf += chunk
            if buf.count(b"\n") > want_lines:
                break
        if not fh.read(1):
            return buf, True
    cut = buf.rfind(b"\n")
    return (buf[: cut + 1] if cut >= 0 else buf), False


def count_lines(path: Path) -> int:
    """Newline count (plus an unterminated last line) by scanning bytes; cheap even for big files."""
    n, last = 0, b"\n"
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(8 << 20), b""):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def _json_safe(v: Any) -> Any:
    if _is_missing(v):
        return None
    if isinstance(v, (bool, int, float, str)):
        return v
    if hasattr(v, "item") and not isinstance(v, (list, dict)):
        return _json_safe(v.item())
    if isinstance(v, (list, dict)):
        return json.loads(json.dumps(v, ensure_ascii=False, default=str))
    return str(v)


def _rows(records: list[dict]) -> list[dict]:
    return [{str(k): _json_safe(v) for k, v in r.items()} for r in records]


@transformers_serialised
def preview(spec: str, rows: int = 20) -> dict:
    """The first rows of a source without reading big line-based files whole; total_rows may be approximate."""
    spec = str(spec).strip()
    fmt, path = _resolve(spec)
    out = {"format": fmt, "encoding": None, "path": str(path) if path else spec, "total_rows_approx": False}
    if fmt in ("csv", "tsv", "txt", "jsonl"):
        assert path is not None
        head, whole = _read_head(path, rows + 1)
        text, out["encoding"] = decode_bytes(head, str(path), final=whole)
        if not text.strip():
            raise DataError(f"The data file '{path}' is empty (only whitespace). Pick a file that holds your texts.")
        if fmt == "txt" and tab_table(text):
            fmt = out["format"] = "tsv"
        if whole:
            df = _parse_text(fmt, text, path)
        elif fmt in ("csv", "tsv"):  # quoted fields may span lines: let pandas stream the first rows
            df = _parse_text(fmt, None, path, nrows=rows, encoding=out["encoding"])
        else:
            df = _parse_text(fmt, text, path, nrows=rows)
        ds = _dataset_from_frame(df, path)
        records, columns = ds.select(range(min(rows, len(ds)))).to_list(), list(ds.column_names)
        total = len(ds)
        if not whole:  # estimate from the line count, unless texts span lines (then unknown)
            multiline = any(isinstance(v, str) and "\n" in v for r in records for v in r.values())
            total = None if multiline else count_lines(path) - (fmt in ("csv", "tsv"))
            out["total_rows_approx"] = True
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        assert path is not None
        try:
            pf = pq.ParquetFile(path)
            batch = next(pf.iter_batches(batch_size=max(1, rows)), None)
        except Exception:  # unreadable: let the full loader produce its message
            _load_parquet(path)
            raise
        columns, total = list(pf.schema_arrow.names), pf.metadata.num_rows
        records = batch.to_pylist()[:rows] if batch is not None else []
    elif fmt == "folder":
        assert path is not None
        classes = _class_files(path)
        texts, labels, out["encoding"] = _read_class_files(_interleave(classes)[:rows])
        columns, total = ["text", "label"], sum(len(v) for v in classes.values())
        records = [{"text": t, "label": lab} for t, lab in zip(texts, labels)]
    elif fmt == "hub":
        columns, records, total = _preview_hub(spec, rows)
    else:
        loaded = load_table(spec)
        ds = loaded.dataset
        out["encoding"] = loaded.encoding
        columns, total = list(ds.column_names), len(ds)
        records = ds.select(range(min(rows, len(ds)))).to_list()
    out.update(columns=columns, rows=_rows(records), total_rows=total)
    return out


def _preview_hub(spec: str, rows: int) -> tuple[list[str], list[dict], int | None]:
    import datasets

    try:
        stream = _merge_splits_stream(datasets.load_dataset(spec, streaming=True))
        records = [dict(r) for _, r in zip(range(rows), stream)]
    except Exception as exc:  # network, auth and missing-repo errors come in many types
        raise _hub_error(spec, exc) from None
    columns = list(records[0]) if records else []
    return columns, records, None


def _merge_splits_stream(obj: Any):
    if isinstance(obj, dict):
        return obj["train"] if "train" in obj else next(iter(obj.values()))
    return obj
