"""A lossless JSON form of the model: parsed disclosures, findings and scores.

Generic over dataclass fields: every field of a registered dataclass is written by
``dataclasses.fields`` and read back by name, so a field added to the model later is kept
without touching this module. Values keep their Python type: ``Decimal`` (exact, as a
string), nested dataclasses, lists, dicts, tuples and paths.

Only the dataclasses registered here can be rebuilt from a file (``TYPES``); an unknown
type name is an error, never an import.
"""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

from . import model
from .checklist import ItemStatus
from .checks.base import Finding
from .score import Part, Score

FORMAT = "budget-audit/model"
VERSION = 2   # 2: disclosures carry their located figures (Disclosure.figures), audits their checklist

_TYPE, _DEC, _TUPLE, _MAP, _PATH = "__type__", "__decimal__", "__tuple__", "__map__", "__path__"


def _registry() -> dict:
    out = {}
    for obj in vars(model).values():
        if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__:
            out[obj.__name__] = obj
    for cls in (Finding, ItemStatus, Part, Score):
        out[cls.__name__] = cls
    return out


_TYPES: dict = {}


def types() -> dict:
    """Name -> dataclass of every type this codec writes and reads."""
    if not _TYPES:
        _TYPES.update(_registry())
    return _TYPES


def encode(value: Any) -> Any:
    """``value`` as plain JSON data (dicts, lists, strings, numbers, None)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return {_DEC: str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if types().get(name) is not type(value):
            raise TypeError(f"cannot encode unregistered dataclass {type(value).__qualname__}")
        out = {_TYPE: name}
        for f in dataclasses.fields(value):
            out[f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, PurePath):
        return {_PATH: str(value)}
    if isinstance(value, tuple):
        return {_TUPLE: [encode(v) for v in value]}
    if isinstance(value, (list, set, frozenset)):
        items = list(value) if isinstance(value, list) else sorted(value, key=repr)
        return [encode(v) for v in items]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {_MAP: [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(data: Any) -> Any:
    """The inverse of ``encode``."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if _DEC in data:
        return Decimal(data[_DEC])
    if _TUPLE in data:
        return tuple(decode(v) for v in data[_TUPLE])
    if _PATH in data:
        return Path(data[_PATH])
    if _MAP in data:
        return {_hashable(decode(k)): decode(v) for k, v in data[_MAP]}
    if _TYPE in data:
        cls = types().get(data[_TYPE])
        if cls is None:
            raise ValueError(f"unknown type {data[_TYPE]!r} in model file")
        kwargs, later = {}, {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                (kwargs if f.init else later)[f.name] = decode(data[f.name])
        obj = cls(**kwargs)
        for k, v in later.items():
            object.__setattr__(obj, k, v)
        return obj
    return {k: decode(v) for k, v in data.items()}


def _hashable(v):
    return tuple(v) if isinstance(v, list) else v


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    return decode(json.loads(text))
