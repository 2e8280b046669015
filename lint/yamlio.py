"""YAML reading for config, house rules and packs: safe (never constructs objects), with
positions for error messages and a guard against alias "billion laughs" expansion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newslint.errors import ConfigError

#: Most nodes a config document may expand to (aliases included) before it is refused.
MAX_NODES = 200_000


def _yaml(typ: str) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ=typ, pure=typ == "rt")
    y.allow_duplicate_keys = False
    return y


def _error_from(exc: Exception, path: str) -> ConfigError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    reason = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if mark is not None:
        return ConfigError(reason, path=path, line=mark.line + 1, column=mark.column + 1)
    return ConfigError(reason, path=path)


def parse_yaml(text: str, path: str, *, positions: bool = True) -> Any:
    """Parse YAML text; ``positions`` keeps ruamel's line/column info on mappings and lists."""
    try:
        data = _yaml("rt" if positions else "safe").load(text)
    except Exception as exc:  # ruamel raises many unrelated classes; all mean "bad YAML"
        raise _error_from(exc, path) from None
    check_size(data, path)
    return data


def load_yaml_file(path: Path, *, positions: bool = False) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    return parse_yaml(text, str(path), positions=positions)


def check_size(data: Any, path: str) -> None:
    """Refuse documents whose aliases expand past :data:`MAX_NODES` nodes, and explicit tags.

    ruamel's loaders never construct Python objects from tags, but a tagged value would reach
    validation as an odd type; refusing it here gives one clear message with its position.
    """
    budget = MAX_NODES
    stack: list[tuple[Any, Any, Any]] = [(data, None, None)]
    while stack:
        node, parent, key = stack.pop()
        budget -= 1
        if budget < 0:
            raise ConfigError(
                f"document expands to more than {MAX_NODES} nodes (nested YAML aliases?)",
                path=path,
            )
        tag = _explicit_tag(node)
        if tag is not None:
            line, col = position(parent, key) if parent is not None else position(node)
            raise ConfigError(
                f"YAML tag {tag!r} is not allowed (config is data: use plain values)",
                path=path,
                line=line,
                column=col,
            )
        if isinstance(node, dict):
            stack.extend((v, node, k) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, node, i) for i, v in enumerate(node))


def _explicit_tag(node: Any) -> str | None:
    """The tag written on ``node`` (``!foo``, ``!!python/object:...``), or None."""
    if isinstance(node, bytes):
        return "!!binary"
    tag = getattr(node, "tag", None)
    if tag is None:
        return None
    value = getattr(tag, "value", tag)
    if not value:
        return None
    return str(value).replace("tag:yaml.org,2002:", "!!")


def position(node: Any, key: Any = None) -> tuple[int | None, int | None]:
    """1-based (line, column) of ``node[key]`` (or of the node) when ruamel recorded it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None, None
    try:
        if key is None:
            return lc.line + 1, lc.col + 1
        if isinstance(key, int):
            line, col = lc.item(key)
        else:
            line, col = lc.key(key)
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1, lc.col + 1


def value_position(node: Any, key: Any) -> tuple[int | None, int | None]:
    """1-based (line, column) of the VALUE of ``node[key]`` (scalars: where a fix goes)."""
    lc = getattr(node, "lc", None)
    if lc is None or isinstance(key, int):
        return position(node, key)
    try:
        line, col = lc.value(key)
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return position(node, key)


def to_plain(node: Any) -> Any:
    """Deep copy into plain dicts/lists (after :func:`check_size` proved it small)."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    return node
