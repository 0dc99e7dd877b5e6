"""Python values as the YAML text a scenario override (`--set key.path=value`) takes."""
import math
import numbers

import yaml


def yaml_value(value) -> str:
    """YAML text of a Python value: bools as true/false, floats round-trip exactly (repr), strings as given
    (durations such as "90d", shares such as "15%"), lists and dicts in flow style. NumPy scalars are accepted."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        value = value.item()  # NumPy scalar -> Python scalar
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        if not math.isfinite(value):
            raise ValueError(f"expected a finite number, got {value!r}")
        return repr(float(value))
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=1 << 30)
    return text.strip()


def override_strings(overrides) -> list:
    """["key.path=value", ...] from a mapping (or an iterable of pairs, or of "key=value" strings)."""
    if overrides is None:
        return []
    if isinstance(overrides, str):
        raise TypeError("overrides: expected a mapping of key paths to values, got a string")
    items = overrides.items() if hasattr(overrides, "items") else overrides
    out = []
    for item in items:
        if isinstance(item, str):
            if "=" not in item:
                raise ValueError(f"override {item!r}: expected key.path=value")
            out.append(item)
            continue
        key, value = item
        if not isinstance(key, str) or not key:
            raise TypeError(f"override key: expected a non-empty key path string, got {key!r}")
        out.append(f"{key}={yaml_value(value)}")
    return out
