"""toksim.Scenario: a validated scenario, read through the same schema as `toksim run` and `toksim validate`.

A scenario remembers where it came from (a file, YAML text, a dict) and its overrides, so `with_overrides`
re-reads the source with more of them: errors keep pointing at FILE:LINE:COL or at the override's key path.
"""
import os
from typing import Any, Mapping, Optional

import yaml

from . import _core
from ._values import override_strings


class Scenario:
    """A validated scenario. Make one with `from_yaml`, `from_text`, `from_dict` or `default`; every problem of
    a bad scenario is raised at once as `toksim.ScenarioError` (a ValueError)."""

    __slots__ = ("_core", "_path", "_text", "_name", "_sets")

    def __init__(self, core, *, path=None, text=None, name=None, sets=()):
        self._core = core
        self._path = path
        self._text = text
        self._name = name
        self._sets = list(sets)

    # ---- making scenarios -------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path, overrides: Optional[Mapping[str, Any]] = None) -> "Scenario":
        """Loads a scenario file (`extends:` resolved relative to it) with overrides {"key.path": value}."""
        path = os.fspath(path)
        sets = override_strings(overrides)
        return cls(_core.ScenarioCore.load(path, sets), path=path, sets=sets)

    @classmethod
    def from_text(cls, text: str, name: str = "<text>", overrides=None) -> "Scenario":
        """A scenario written as YAML text; `name` stands for the file in messages."""
        sets = override_strings(overrides)
        return cls(_core.ScenarioCore.parse(text, name, sets), text=text, name=name, sets=sets)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>", overrides=None) -> "Scenario":
        """A scenario given as nested dicts and lists, as its YAML would be; messages name the key path."""
        if not isinstance(data, Mapping):
            raise TypeError(f"from_dict: expected a mapping, got {type(data).__name__}")
        text = yaml.safe_dump(_plain(data), sort_keys=False, default_flow_style=False, width=1 << 30)
        return cls.from_text(text, name, overrides)

    @classmethod
    def default(cls, overrides=None) -> "Scenario":
        """The embedded default scenario (what `toksim run` runs without a file)."""
        sets = override_strings(overrides)
        return cls(_core.ScenarioCore.load("", sets), path="", sets=sets)

    def with_overrides(self, overrides: Mapping[str, Any]) -> "Scenario":
        """A new scenario: this one's source with more overrides (later ones win), validated again."""
        sets = self._sets + override_strings(overrides)
        if self._path is not None:
            return Scenario(_core.ScenarioCore.load(self._path, sets), path=self._path, sets=sets)
        return Scenario(_core.ScenarioCore.parse(self._text, self._name, sets), text=self._text, name=self._name,
                        sets=sets)

    @staticmethod
    def validate(source, overrides=None) -> list:
        """Problems of a scenario (a path, YAML text or a dict) as 'FILE:LINE:COL: key.path: ...' lines; empty
        when it is valid. Never raises for a bad scenario."""
        return validate(source, overrides)

    # ---- what it is ---------------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._core.name

    @property
    def description(self) -> str:
        return self._core.description

    @property
    def model(self) -> str:
        """The economy: "token_launch" or "compute_network"."""
        return self._core.model

    @property
    def seed(self) -> int:
        return self._core.seed

    @property
    def horizon(self) -> int:
        """Seconds simulated."""
        return self._core.horizon

    @property
    def sample_every(self) -> int:
        """Seconds between recorded samples."""
        return self._core.sample_every

    @property
    def window(self) -> int:
        """Seconds of one engine window."""
        return self._core.window

    @property
    def agents(self) -> int:
        return self._core.agents

    @property
    def memory_estimate(self) -> int:
        """Bytes a run is expected to need."""
        return self._core.memory_estimate

    @property
    def metrics(self) -> list:
        """What a run records: dicts of name, integer, unit, scale, description."""
        return self._core.metrics

    @property
    def invariants(self) -> list:
        return self._core.invariants

    @property
    def yaml(self) -> str:
        """The effective YAML: `extends:` merged and overrides applied."""
        return self._core.effective_yaml

    @property
    def source(self) -> str:
        """The main file's text, comments included."""
        return self._core.source_text

    @property
    def file(self) -> str:
        return self._core.file

    @property
    def overrides(self) -> list:
        """The overrides applied, as "key.path=value" strings."""
        return list(self._sets)

    def to_dict(self) -> dict:
        """The effective scenario as nested dicts (what from_dict takes back)."""
        return yaml.safe_load(self.yaml)

    def __repr__(self) -> str:
        return (f"<toksim.Scenario {self.name!r} model={self.model} seed={self.seed} "
                f"horizon={_core.format_duration(self.horizon)} agents={self.agents}>")


def validate(source, overrides=None) -> list:
    """Problems of a scenario (a path, YAML text containing a newline, a dict, or a Scenario) as
    'FILE:LINE:COL: key.path: expected ..., got ...' lines; an empty list when it is valid."""
    try:
        if isinstance(source, Scenario):
            source.with_overrides(overrides or {})
        elif isinstance(source, Mapping):
            Scenario.from_dict(source, overrides=overrides)
        elif isinstance(source, str) and "\n" in source:
            Scenario.from_text(source, overrides=overrides)
        else:
            Scenario.from_yaml(source, overrides)
    except _core.ScenarioError as e:
        return [d["text"] for d in e.diagnostics]
    return []


def _plain(value):
    """Nested dicts/lists with NumPy scalars turned into Python ones (PyYAML's safe_dump knows only those)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value
