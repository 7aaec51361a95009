"""What the browser tests check on every page: axe-core's rules, no sideways scrolling,
and tap targets of at least 44 px on a phone.

axe-core comes from the npm registry: ``scripts/setup.sh test`` installs it under
``.cache/`` (git ignores it); it is never committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_VERSION = "4.10.3"
AXE = (
    Path(__file__).resolve().parents[2]
    / ".cache"
    / f"axe-core-{AXE_VERSION}"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)
TAP = 44

_RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""

# Controls a finger must hit; links inside running text are exempt (WCAG 2.5.8).
_SMALL_TARGETS = """(min) => {
  const wanted = 'button, select, textarea, input:not([type=hidden]):not([type=checkbox]),'
    + ' a.button, a.back, .nav a, .check-cell, .check';
  return Array.from(document.querySelectorAll(wanted))
    .filter(el => el.offsetParent !== null)
    .map(el => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && (box.height < min - 0.5 || box.width < min - 0.5))
    .map(({ el, box }) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`
      + `.${el.className} ${Math.round(box.width)}x${Math.round(box.height)}`)
    .slice(0, 10);
}"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE)
    return violations


def sideways_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (0: no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def small_targets(page: Any) -> list[str]:
    """Controls smaller than 44 x 44 CSS pixels."""
    found: list[str] = page.evaluate(_SMALL_TARGETS, TAP)
    return found
