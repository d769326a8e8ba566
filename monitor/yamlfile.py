"""Read a configuration YAML file into plain values, fast, refusing what a config must not hold.

A rules.yaml of 100,000 rules is about a million YAML nodes. Composing them into PyYAML node
objects and converting those took 2 s; here libyaml's parser (`CSafeLoader`, the pure-Python
parser only where PyYAML was built without libyaml) hands over its events and the values are
built straight from them, in about half the time. The checks are those of a node walk:

- a duplicate mapping key is refused (YAML keeps the last silently: a list could vanish);
- an alias of a mapping or list is refused (a self-reference recurses forever, nested aliases
  blow a small file up into gigabytes); an alias of a plain value is that value;
- a mapping key must be a plain value (its text, not constructed: `1:` is the key "1");
- a tagged value that does not construct (`!!int abc`, `2019-02-30`) is refused.

Each refusal is a `YAMLProblem` with the 1-based line. The lines of keys and entries are not
kept on this path: `line_map` finds them (a slower node walk) when a problem must be placed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml import events

# libyaml's parser where PyYAML was built with it; the same events, slower, where not
LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = (None, "!", _STR_TAG)
Path_ = tuple[str | int, ...]
_ALIAS_REFUSED = "YAML anchors and aliases (&name, *name) are not supported"
_COLLECTION = object()  # an anchor that names a mapping or list
_SCALAR, _MAPPING, _SEQUENCE = events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = events.MappingEndEvent, events.SequenceEndEvent


class YAMLProblem(Exception):
    """Why a YAML text cannot be a configuration file, and on which line."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


def load_plain(text: str) -> Any:
    """The value of a one-document YAML text (None for an empty one); raises YAMLProblem."""
    try:
        return _Builder(LOADER(text)).build()
    except yaml.MarkedYAMLError as exc:
        line = (exc.problem_mark.line + 1) if exc.problem_mark else 1
        raise YAMLProblem(line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:  # e.g. a control character: a position, not a mark
        line = text[:getattr(exc, "position", 0)].count("\n") + 1
        raise YAMLProblem(line, f"invalid YAML: {str(exc).splitlines()[0]}") from None


class _Builder:
    """Builds values from a loader's events; one use."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.first_chars = frozenset(loader.yaml_implicit_resolvers)
        self.anchors: dict[str, tuple[Any, str] | object] = {}

    def build(self) -> Any:
        get: Callable[[], events.Event] = self.loader.get_event
        get()  # the stream's start
        if isinstance(get(), events.StreamEndEvent):  # else the document's start
            return None
        root = self._document(get)
        after = get()
        if not isinstance(after, events.StreamEndEvent):
            raise YAMLProblem(after.start_mark.line + 1, "invalid YAML: expected a single "
                              "document in the stream, but found another document")
        return root

    def _document(self, get: Callable[[], events.Event]) -> Any:
        # the container being filled (None: the document itself), whether it is a list, the
        # key waiting for its value; the enclosing ones' on `stack`. One loop, locals only:
        # a million events pass through it
        stack: list[tuple[Any, bool, Any]] = []
        container: Any = None
        is_list, key, root = False, None, None
        first_chars = self.first_chars
        while True:
            event = get()
            kind = type(event)
            if kind is _SCALAR:
                raw = value = event.value
                if event.tag is not None or (event.implicit[0] and (
                        not value or value[0] in first_chars)):
                    value = self._scalar(event)  # a tag, or maybe a number, bool, date…
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, raw)
            elif kind is _MAPPING or kind is _SEQUENCE:
                raw, value = None, ({} if kind is _MAPPING else [])
                if event.anchor is not None:
                    self.anchors[event.anchor] = _COLLECTION
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                container, is_list, key = stack.pop()
                continue
            elif kind is events.AliasEvent:
                value, raw = self._alias(event)
            elif kind is events.DocumentEndEvent:
                return root
            else:  # pragma: no cover - a document holds no other event
                continue
            if container is None:
                root = value
            elif is_list:
                container.append(value)
            elif key is None:  # this is a key: its value comes next
                if raw is None:
                    raise YAMLProblem(event.start_mark.line + 1,
                                      "a mapping key must be a plain value")
                if raw in container:  # YAML keeps the last silently: a list could vanish
                    raise YAMLProblem(event.start_mark.line + 1, f"duplicate key {raw!r}")
                key = raw
                continue
            else:
                container[key] = value
                key = None
            if raw is None:  # a new mapping or list: its contents come next
                stack.append((container, is_list, key))
                container, is_list, key = value, kind is _SEQUENCE, None

    def _scalar(self, event: events.ScalarEvent) -> Any:
        value, tag = event.value, event.tag
        if tag is None and event.implicit[0]:  # plain: it may be a number, a bool, a date…
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag in _PLAIN_TAGS:  # most values: nothing to construct
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except Exception as exc:  # `!!int abc`, `2019-02-30`, an unknown tag
            raise YAMLProblem(event.start_mark.line + 1,
                              f"invalid value {value!r}: {exc}") from None

    def _alias(self, event: events.AliasEvent) -> tuple[Any, str]:
        found = self.anchors.get(event.anchor)
        line = event.start_mark.line + 1
        if found is None:
            raise YAMLProblem(line, f"invalid YAML: found undefined alias {event.anchor!r}")
        if found is _COLLECTION:
            raise YAMLProblem(line, _ALIAS_REFUSED)
        return found  # type: ignore[return-value]


def line_map(text: str) -> dict[Path_, int]:
    """The 1-based line of every mapping key and list entry of a YAML text that `load_plain`
    accepted, by path (("rules", 3, "query") -> 41); the document itself is ()."""
    node = yaml.compose(text, Loader=LOADER)
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, lines)
    return lines


def _walk(root: yaml.Node, lines: dict[Path_, int]) -> None:
    todo: list[tuple[yaml.Node, Path_]] = [(root, ())]  # no recursion: any depth is fine
    while todo:
        node, path = todo.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = (*path, key_node.value)
                lines[key] = key_node.start_mark.line + 1
                todo.append((value_node, key))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((child, (*path, i)) for i, child in enumerate(node.value))
