"""Load and validate the configuration directory; every problem becomes `file:line: message`."""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from monitor.errors import ConfigError, RuleSetError
from monitor.net.addresses import offline_refusal, parse_allow_private
from monitor.rules import RuleSet, check_rules, compile_rules
from monitor.rules.frontend import gc_paused
from monitor.settings import DestinationConfig, FeedConfig, RuleConfig, Settings
from monitor.yamlfile import Path_, YAMLProblem, line_map, load_plain

log = logging.getLogger("wirewatch.config")
ENV_PREFIX = "WIREWATCH_"
CONFIG_FILES = ("settings.yaml", "feeds.yaml", "rules.yaml", "destinations.yaml")


@dataclass(frozen=True)
class Config:
    """The whole validated configuration, built once at start-up."""

    directory: Path
    settings: Settings
    feeds: tuple[FeedConfig, ...]
    vocabularies: Mapping[str, tuple[str, ...]]
    rules: tuple[RuleConfig, ...]
    destinations: tuple[DestinationConfig, ...]
    tags_by_feed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # the files as they were just before they were read: an edit made while a process loads
    # (and compiles) is then still seen as a change by its ConfigWatcher
    fingerprint: Fingerprint = ()

    @cached_property
    def enabled_rules(self) -> Mapping[str, RuleConfig]:
        """The enabled rules by id, made once: a match job looks up only the rules that
        matched, instead of walking all of them (which also wrote to every rule's memory page
        in each forked worker, unsharing them)."""
        return {r.id: r for r in self.rules if r.enabled}

    def feed(self, feed_id: str) -> FeedConfig | None:
        """The feed with this id, if configured."""
        return next((f for f in self.feeds if f.id == feed_id), None)

    def destination(self, dest_id: str) -> DestinationConfig | None:
        """The destination with this id, if configured."""
        return next((d for d in self.destinations if d.id == dest_id), None)


@dataclass
class _Source:
    """One YAML file: its data, and the line of every mapping key / list entry by path, found
    from its text when first asked (only a file with a problem to place needs them)."""

    name: str
    data: Any
    text: str = ""
    readable: bool = True  # False: the file did not parse (its problem is reported already)

    @cached_property
    def lines(self) -> dict[Path_, int]:
        """Path -> 1-based line (computed once, from the text)."""
        if not self.text:
            return {}
        with gc_paused():  # a million nodes, as in _read_yaml
            return line_map(self.text)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        lines = self.lines
        for end in range(len(path), -1, -1):
            if path[:end] in lines:
                return lines[path[:end]]
        return 1


def _read_yaml(path: Path, problems: list[str]) -> _Source:
    # a rules.yaml of 100,000 rules is a million values, all alive: with the cyclic collector
    # on, building them took several times as long
    with gc_paused():
        return _read_yaml_values(path, problems)


def _read_yaml_values(path: Path, problems: list[str]) -> _Source:
    name = path.name
    if not path.exists():
        return _Source(name, {})
    try:
        text = path.read_text(encoding="utf-8")
        data = load_plain(text)
    except YAMLProblem as exc:
        problems.append(f"{path}:{exc.line}: {exc.message}")
        return _Source(name, {}, readable=False)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}:1: cannot read: {exc}")
        return _Source(name, {}, readable=False)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(f"{path}:1: expected a mapping at the top level")
        data = {}
    return _Source(name, data, text)


def _env_overrides(environ: Mapping[str, str], problems: list[str]) -> dict[str, Any]:
    """`WIREWATCH_POLL__INTERVAL=30s` -> {"poll": {"interval": "30s"}} (values parsed as YAML)."""
    overrides: dict[str, Any] = {}
    for name, raw in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name == ENV_PREFIX + "CONFIG":
            continue
        keys = [k.lower() for k in name[len(ENV_PREFIX):].split("__") if k]
        if not keys or keys[0] not in Settings.model_fields:
            continue  # not a setting: WIREWATCH_CONFIG, a secret named by secret_env, …
        try:  # `[10.0.0.0/8]`, `true`, `3` keep their YAML type; anything else stays a string
            value = yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError:
            value = raw
        if value is not None and not isinstance(value, dict | list | bool | int | float):
            value = raw
        target = overrides
        for key in keys[:-1]:
            target = target.setdefault(key, {})
            if not isinstance(target, dict):
                problems.append(f"env:{name}: conflicts with another override")
                break
        else:
            target[keys[-1]] = value
    return overrides


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _describe(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    msg = msg.removeprefix("Value error, ")
    loc = ".".join(str(p) for p in error.get("loc", ()) if not str(p).startswith("function-"))
    return f"{loc}: {msg}" if loc else msg


def _validate(model: type[BaseModel], data: Any, source: _Source, base: Path_,
              directory: Path, problems: list[str], env_keys: frozenset[str] = frozenset()) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error.get("loc", ()))
            where = f"{directory / source.name}:{source.line_of((*base, *loc))}"
            if loc and str(loc[0]) in env_keys:
                where = f"env:{ENV_PREFIX}{str(loc[0]).upper()}"
            problems.append(f"{where}: {_describe(error)}")
        return None


def _list_section(source: _Source, key: str, directory: Path, problems: list[str]) -> list[Any]:
    value = source.data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{directory / source.name}:{source.line_of((key,))}: `{key}` must be a list")
        return []
    return value


def _entries(model: type[BaseModel], source: _Source, key: str, directory: Path,
             problems: list[str]) -> list[Any]:
    entries = []
    seen: set[str] = set()
    for index, raw in enumerate(_list_section(source, key, directory, problems)):
        entry = _validate(model, raw, source, (key, index), directory, problems)
        if entry is None:
            continue
        if entry.id in seen:
            line = source.line_of((key, index, "id"))
            problems.append(f"{directory / source.name}:{line}: duplicate id {entry.id!r}")
            continue
        seen.add(entry.id)
        entries.append(entry)
    return entries


def _vocabularies(source: _Source, directory: Path, problems: list[str]) -> dict[str, tuple[str, ...]]:
    raw = source.data.get("vocabularies") or {}
    where = f"{directory / source.name}"
    if not isinstance(raw, dict):
        problems.append(f"{where}:{source.line_of(('vocabularies',))}: `vocabularies` must be a mapping")
        return {}
    vocabularies = {}
    for name, terms in raw.items():
        if not isinstance(terms, list) or not all(isinstance(t, str | int) for t in terms):
            line = source.line_of(("vocabularies", name))
            problems.append(f"{where}:{line}: vocabulary {name!r} must be a list of terms")
            continue
        vocabularies[str(name)] = tuple(str(t) for t in terms)
    return vocabularies


def _compile_checked(rules: Sequence[RuleConfig], vocabularies: Mapping[str, tuple[str, ...]],
                     source: _Source, directory: Path, problems: list[str], *,
                     build: bool = True) -> RuleSet | None:
    """The compiled rules, or None with every rule error added to `problems` as file:line.
    With `build=False` the rules are only checked (`check_rules`: parsed and resolved, half
    the cost) and None is returned either way."""
    try:
        if not build:
            check_rules(rules, vocabularies)
            return None
        return compile_rule_configs(rules, vocabularies)
    except RuleSetError as exc:
        positions = _entry_positions(source, "rules")
        for error in exc.errors:
            if error.rule_id.startswith("@"):  # a bad vocabulary entry
                line = source.line_of(("vocabularies", error.rule_id[1:]))
                problems.append(f"{directory / source.name}:{line}: vocabulary "
                                f"{error.rule_id}: {error.message}")
                continue
            if _names_a_rejected_vocabulary(error.message, source):
                continue  # the vocabulary is there, and its own problem is reported
            line = source.line_of(("rules", positions.get(error.rule_id, -1), "query"))
            problems.append(f"{directory / source.name}:{line}: rule {error.rule_id!r}, "
                            f"column {error.column}: {error.message}")
        return None


_UNKNOWN_VOCABULARY = re.compile(r"unknown vocabulary @(\S+)")


def _names_a_rejected_vocabulary(message: str, source: _Source) -> bool:
    found = _UNKNOWN_VOCABULARY.match(message)
    if found is None or not isinstance(source.data, dict) or "vocabularies" not in source.data:
        return False
    raw = source.data["vocabularies"]
    return not isinstance(raw, dict) or found.group(1) in {str(name) for name in raw}


def _entry_positions(source: _Source, key: str) -> dict[Any, int]:
    """Entry id -> its index in the file's `key` list, for `file:line` of any entry's field."""
    raw = source.data.get(key) if isinstance(source.data, dict) else None
    return {e.get("id"): i for i, e in enumerate(raw if isinstance(raw, list) else [])
            if isinstance(e, dict) and isinstance(e.get("id"), str | int)}


def _cross_check(config: dict[str, Any], sources: dict[str, _Source], directory: Path,
                 problems: list[str]) -> None:
    """Rules naming destinations or feeds that do not exist. An entry that is there but failed
    its own validation (reported as itself), or a file that did not parse, is no cascade of
    "unknown" problems."""
    destinations, feeds = sources["destinations.yaml"], sources["feeds.yaml"]
    destination_ids = _entry_ids(destinations, "destinations")
    feed_ids = _entry_ids(feeds, "feeds")
    rules_src = sources["rules.yaml"]
    positions = _entry_positions(rules_src, "rules")
    for rule in config["rules"]:
        pos = positions.get(rule.id, 0)
        for dest in rule.notify:
            if destinations.readable and dest not in destination_ids:
                line = rules_src.line_of(("rules", pos, "notify"))
                problems.append(f"{directory / 'rules.yaml'}:{line}: rule {rule.id!r} notifies "
                                f"unknown destination {dest!r}")
        for feed in rule.feeds:
            if feeds.readable and feed not in feed_ids:
                line = rules_src.line_of(("rules", pos, "feeds"))
                problems.append(f"{directory / 'rules.yaml'}:{line}: rule {rule.id!r} is scoped "
                                f"to unknown feed {feed!r}")


def _entry_ids(source: _Source, key: str) -> set[str]:
    """The ids of a file's entries, valid or not."""
    return {i for i in _entry_positions(source, key) if isinstance(i, str)}


def _secret_problems(destinations: Sequence[DestinationConfig], source: _Source,
                     directory: Path) -> list[str]:
    """`file:line` of each webhook whose `secret_env` cannot sign, reported as the destination
    itself (so the rules naming it are not also reported)."""
    positions = _entry_positions(source, "destinations")
    problems = []
    for dest in destinations:
        if dest.enabled and (problem := dest.secret_problem()):
            line = source.line_of(("destinations", positions.get(dest.id, -1), "secret_env"))
            problems.append(f"{directory / source.name}:{line}: destination {dest.id!r}: {problem}")
    return problems


def _schema_failed_rules(source: _Source, directory: Path,
                         valid: Sequence[RuleConfig]) -> list[RuleConfig]:
    """Rules whose entry failed validation (a misspelt key, say) but that have an id and a
    query: their query is still compiled, so that one pass reports its errors too."""
    valid_ids = {r.id for r in valid}
    return [RuleConfig.model_construct(id=raw["id"], query=raw["query"])
            for raw in _list_section(source, "rules", directory, [])
            if isinstance(raw, dict) and isinstance(raw.get("id"), str)
            and isinstance(raw.get("query"), str) and raw["id"] not in valid_ids]


@dataclass
class _Read:
    """The four files read and validated entry by entry, before rules are compiled."""

    directory: Path
    sources: dict[str, _Source]
    settings: Settings | None
    parts: dict[str, Any]
    vocabularies: dict[str, tuple[str, ...]]
    problems: list[str]
    fingerprint: Fingerprint = ()

    def compile(self, rules: Sequence[RuleConfig]) -> RuleSet | None:
        """`rules` compiled with this config's vocabularies; errors go to `problems`."""
        return _compile_checked(rules, self.vocabularies, self.sources["rules.yaml"],
                                self.directory, self.problems)

    def check(self, rules: Sequence[RuleConfig]) -> None:
        """`rules` checked (not compiled) with this config's vocabularies; errors go to
        `problems`."""
        _compile_checked(rules, self.vocabularies, self.sources["rules.yaml"], self.directory,
                         self.problems, build=False)

    def uncompiled_rules(self) -> list[RuleConfig]:
        """The rules that a compile of the enabled ones leaves unchecked: the disabled ones
        (so that enabling one later cannot fail) and those with a schema error (whose query
        may be wrong too)."""
        rules = self.parts["rules"]
        return [*[r for r in rules if not r.enabled],
                *_schema_failed_rules(self.sources["rules.yaml"], self.directory, rules)]

    def build(self) -> Config:
        """The Config, or ConfigError listing every problem found so far."""
        if self.problems or self.settings is None:
            problems = list(dict.fromkeys(self.problems))  # a bad vocabulary may show twice
            raise ConfigError(problems or [f"{self.directory}:1: invalid settings"])
        parts = self.parts
        return Config(
            directory=self.directory,
            settings=self.settings,
            feeds=tuple(parts["feeds"]),
            vocabularies=self.vocabularies,
            rules=tuple(parts["rules"]),
            destinations=tuple(parts["destinations"]),
            tags_by_feed={f.id: f.tags for f in parts["feeds"]},
            fingerprint=self.fingerprint,
        )


def _read_config(directory: Path, environ: Mapping[str, str], *,
                 require_secrets: bool = False) -> _Read:
    # validating 100,000 rules makes 100,000 models while a million values read from the
    # YAML are alive: with the cyclic collector on, its passes over them took 4 times longer
    with gc_paused():
        return _read_config_paused(directory, environ, require_secrets=require_secrets)


def _read_config_paused(directory: Path, environ: Mapping[str, str], *,
                        require_secrets: bool = False) -> _Read:
    problems: list[str] = []
    if not directory.is_dir():
        raise ConfigError([f"{directory}:1: configuration directory not found"])
    before = fingerprint(directory)
    sources = {name: _read_yaml(directory / name, problems) for name in CONFIG_FILES}
    overrides = _env_overrides(environ, problems)
    settings_data = _merge(sources["settings.yaml"].data, overrides)
    settings = _validate(Settings, settings_data, sources["settings.yaml"], (), directory, problems,
                         frozenset(overrides))
    parts: dict[str, Any] = {
        "feeds": _entries(FeedConfig, sources["feeds.yaml"], "feeds", directory, problems),
        "rules": _entries(RuleConfig, sources["rules.yaml"], "rules", directory, problems),
        "destinations": _entries(DestinationConfig, sources["destinations.yaml"], "destinations",
                                 directory, problems),
    }
    vocabularies = _vocabularies(sources["rules.yaml"], directory, problems)
    _cross_check(parts, sources, directory, problems)
    if require_secrets:
        problems += _secret_problems(parts["destinations"], sources["destinations.yaml"],
                                     directory)
    return _Read(directory, sources, settings, parts, vocabularies, problems, before)


def load_config(directory: str | Path, environ: Mapping[str, str] | None = None,
                *, compile_check: bool = True, require_secrets: bool = False) -> Config:
    """Read, validate and cross-check the four files; raise ConfigError listing every problem,
    all in one pass: schema errors, rule errors (of rules with a schema error too), unknown
    references and, with `require_secrets`, webhook secrets that cannot be read.

    With `compile_check` the rules are checked as a compile would (every error it would
    raise), without compiling them: no process that only validates pays for a matcher."""
    return _read_checked(Path(directory), environ, compile_check=compile_check,
                         require_secrets=require_secrets).build()


def _read_checked(directory: Path, environ: Mapping[str, str] | None, *, compile_check: bool,
                  require_secrets: bool) -> _Read:
    read = _read_config(directory, os.environ if environ is None else environ,
                        require_secrets=require_secrets)
    if compile_check:
        read.check([*read.parts["rules"], *_schema_failed_rules(
            read.sources["rules.yaml"], read.directory, read.parts["rules"])])
    return read


def check_config(directory: str | Path, environ: Mapping[str, str] | None = None,
                 ) -> tuple[Config, list[str]]:
    """What `wirewatch check` says: the validated config (as `load_config`) and its warnings
    (`secret_warnings`, `network_warnings`, `rule_warnings`), from one read of the files."""
    read = _read_checked(Path(directory), environ, compile_check=True, require_secrets=False)
    config = read.build()
    return config, [*secret_warnings(config.directory),
                    *network_warnings(config, read.sources["destinations.yaml"]),
                    *rule_warnings(config, read.sources["rules.yaml"])]


def load_config_and_rules(directory: str | Path, environ: Mapping[str, str] | None = None,
                          *, require_secrets: bool = False) -> tuple[Config, RuleSet]:
    """As `load_config`, with the enabled rules compiled for matching. Each rule is compiled
    once (`load_config` then `compile_config_rules` would compile the enabled ones twice)."""
    read = _read_config(Path(directory), os.environ if environ is None else environ,
                        require_secrets=require_secrets)
    ruleset = read.compile([r for r in read.parts["rules"] if r.enabled])
    if unchecked := read.uncompiled_rules():
        read.check(unchecked)
    config = read.build()
    if ruleset is None:  # not reached: a failed compile added problems, and build() raised
        raise ConfigError([f"{config.directory / 'rules.yaml'}:1: rules did not compile"])
    return config, ruleset


def network_warnings(config: Config, source: _Source | None = None) -> list[str]:
    """`file:line: warning: …` for every destination URL that the network policy will refuse
    on every attempt, judged offline (`monitor.net.addresses.offline_refusal`: IP address
    hosts and `localhost`; host names are not resolved)."""
    allow = parse_allow_private(config.settings.network.allow_private)
    if source is None:
        source = _read_yaml(config.directory / "destinations.yaml", [])
    positions = _entry_positions(source, "destinations")
    warnings = []
    for dest in config.destinations:
        reason = offline_refusal(dest.url, allow) if dest.url and dest.enabled else None
        if reason:
            line = source.line_of(("destinations", positions.get(dest.id, -1), "url"))
            warnings.append(f"{config.directory / source.name}:{line}: warning: destination "
                            f"{dest.id!r}: delivery will always be refused: {reason}")
    return warnings


def secret_warnings(directory: Path) -> list[str]:
    """`file:line: warning: …` for every enabled webhook whose `secret_env` cannot sign now:
    what `check` says (it needs no secrets itself), and what `run` and `worker` refuse. Read
    from the file alone, so that it is said beside any other problem of the config."""
    source = _read_yaml(directory / "destinations.yaml", [])
    destinations = _entries(DestinationConfig, source, "destinations", directory, [])
    return [problem.replace(": destination ", ": warning: destination ", 1)
            for problem in _secret_problems(destinations, source, directory)]


def rule_warnings(config: Config, source: _Source | None = None) -> list[str]:
    """`file:line: warning: …` for every enabled rule whose alerts would go nowhere: it
    notifies no destination, or only disabled ones."""
    enabled = {d.id for d in config.destinations if d.enabled}
    silent = [r for r in config.rules if r.enabled and not enabled.intersection(r.notify)]
    if not silent:
        return []
    if source is None:
        source = _read_yaml(config.directory / "rules.yaml", [])
    positions = _entry_positions(source, "rules")
    warnings = []
    for rule in silent:
        why = ("notifies no destination" if not rule.notify
               else "notifies only disabled destinations")
        line = source.line_of(("rules", positions.get(rule.id, -1),
                               "notify" if rule.notify else "id"))
        warnings.append(f"{config.directory / source.name}:{line}: warning: rule {rule.id!r} "
                        f"{why}: its alerts go nowhere (add `notify: [destination ids]`)")
    return warnings


def load_rules_file(path: Path, base_vocabularies: Mapping[str, tuple[str, ...]],
                    ) -> tuple[tuple[RuleConfig, ...], dict[str, tuple[str, ...]]]:
    """Rules and vocabularies of a rules.yaml-shaped file (its vocabularies merged over
    `base_vocabularies`); raises ConfigError with `file:line: message` problems."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError([f"{path}:1: rules file not found"])
    problems: list[str] = []
    source = _read_yaml(path, problems)
    directory = path.parent
    rules = _entries(RuleConfig, source, "rules", directory, problems)
    vocabularies = {**base_vocabularies, **_vocabularies(source, directory, problems)}
    if not problems:  # checked, not compiled: the caller compiles what it uses
        _compile_checked(rules, vocabularies, source, directory, problems, build=False)
    if problems:
        raise ConfigError(problems)
    return tuple(rules), vocabularies


def compile_rule_configs(rules: Sequence[RuleConfig],
                         vocabularies: Mapping[str, tuple[str, ...]]) -> RuleSet:
    """Compile the given rules (enabled or not) with these vocabularies."""
    return compile_rules(rules, vocabularies)  # a RuleConfig has the id and query it needs


def compile_config_rules(config: Config) -> RuleSet:
    """Compile the enabled rules of a config."""
    return compile_rule_configs([r for r in config.rules if r.enabled], config.vocabularies)


Fingerprint = tuple[tuple[str, int, int, int], ...]


def fingerprint(directory: Path) -> Fingerprint:
    """(name, mtime in ns, size, inode) of each config file: cheap to compare, and changed by
    any write and by a rename over the file."""
    out = []
    for name in CONFIG_FILES:
        try:
            st = (Path(directory) / name).stat()
            out.append((name, st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append((name, 0, 0, 0))
    return tuple(out)


class Settler:
    """Decides when an edit of the config directory is finished.

    A file written in place passes through prefixes that may well parse (the first 3,000 of
    10,000 rules), so a change counts only once the fingerprint has differed from the installed
    one and then stayed identical for `settle` seconds. Pure logic: the clock is injected."""

    def __init__(self, installed: Fingerprint, settle: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.installed = installed
        self.settle = settle
        self.clock = clock
        self._pending: Fingerprint | None = None
        self._since = 0.0

    def settled(self, current: Fingerprint) -> bool:
        """Note the directory's `current` fingerprint; True when it is a change that has not
        changed further for `settle` seconds (and stays True until `done`)."""
        now = self.clock()
        if current == self.installed:  # edited and put back: nothing to do
            self._pending = None
            return False
        if current != self._pending:
            self._pending, self._since = current, now
        return now - self._since >= self.settle

    def done(self, handled: Fingerprint) -> None:
        """`handled` was installed or refused: only a change from it counts from now on."""
        self.installed = handled
        self._pending = None


def warn_if_rules_dropped(old: Config, new: Config) -> None:
    """Log a warning when `new` leaves out many of the enabled rules of `old`: the usual sign of
    a rules.yaml caught half-written or a bad merge, rather than an intended edit."""
    before = {r.id for r in old.rules if r.enabled}
    after = {r.id for r in new.rules if r.enabled}
    removed = len(before - after)
    limits = new.settings.reload
    if removed and (removed > limits.warn_removed_fraction * len(before)
                    or removed > limits.warn_removed_rules):
        log.warning("config reload removes many rules; deploy rules.yaml by writing a temporary "
                    "file and renaming it over the old one",
                    extra={"rules_before": len(before), "rules_after": len(after),
                           "rules_removed": removed})


class ConfigWatcher:
    """Notices edits to the config directory so that running processes pick them up.

    `changed()` looks at most every `reload.interval` and returns the new Config once the files
    have settled (`Settler`) and still validate. A config that no longer validates is logged at
    error level and the previous one stays in force. With `with_rules`, the enabled rules are
    compiled as part of the load and left in `ruleset`, beside the Config `changed()` returned.
    """

    def __init__(self, config: Config, environ: Mapping[str, str] | None = None,
                 every: float | None = None, *, with_rules: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.environ = environ
        self.with_rules = with_rules
        self.ruleset: RuleSet | None = None
        self._every = every
        self._clock = clock
        self._settler = Settler(config.fingerprint or fingerprint(config.directory),
                                config.settings.reload.settle, clock)
        self._checked_at = clock()

    @property
    def every(self) -> float:
        """Seconds between two looks at the files."""
        return self._every if self._every is not None else self.config.settings.reload.interval

    def changed(self) -> Config | None:
        """The reloaded config if the directory changed and has settled, else None."""
        now = self._clock()
        if now - self._checked_at < self.every:
            return None
        self._checked_at = now
        current = fingerprint(self.config.directory)
        if not self._settler.settled(current):
            return None
        return self._reload(current)

    def _load(self) -> tuple[Config, RuleSet | None]:
        if self.with_rules:
            return load_config_and_rules(self.config.directory, self.environ)
        return load_config(self.config.directory, self.environ), None

    def _reload(self, settled: Fingerprint) -> Config | None:
        try:
            config, ruleset = self._load()
        except ConfigError as exc:
            self._settler.done(settled)
            log.error("config changed but is invalid; keeping the previous one",
                      extra={"error": "; ".join(exc.problems)})
            return None
        except Exception as exc:  # a reload must never take a running process down
            self._settler.done(settled)
            log.exception("config reload failed; keeping the previous one",
                          extra={"error": repr(exc)})
            return None
        if fingerprint(self.config.directory) != settled:  # written to while being read
            log.info("config changed while being read; waiting for it to settle")
            return None
        self._settler.done(settled)
        warn_if_rules_dropped(self.config, config)
        for warning in secret_warnings(config.directory):  # its deliveries would be dead letters
            log.warning("config reloaded with a secret that cannot be read",
                        extra={"error": warning})
        self.config, self.ruleset = config, ruleset
        self._settler.settle = config.settings.reload.settle
        log.info("config reloaded", extra={"feeds": len(config.feeds),
                                           "rules": len(config.rules)})
        return config
