"""axe-core in the browser tests: every page state a test visits is checked for serious or critical violations."""

from pathlib import Path

AXE = (Path(__file__).parent / "axe" / "axe.min.js").read_text(encoding="utf-8")
FAILING_IMPACTS = ("serious", "critical")
# WCAG 2.2's minimum target size (24x24, SC 2.5.8) is off in axe-core by default; phones need it on.
EXTRA_RULES = ("target-size",)
# The control view's results tables scroll sideways without being focusable (axe: scrollable-region-focusable);
# ctl's control-view redesign fixes that. Until it lands, only that rule is off, and only for the control view.
CONTROL_AXE_EXCLUDED = ("scrollable-region-focusable",)


def axe_violations(page, exclude_rules: tuple[str, ...] = ()) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now, one line per failing node.

    The script goes in through Playwright's evaluate, which the page's CSP does not block (a script
    tag would be, rightly: the app allows no inline script).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE)
    rules = {rule: {"enabled": True} for rule in EXTRA_RULES} | {rule: {"enabled": False} for rule in exclude_rules}
    options = {"resultTypes": ["violations"], "rules": rules}
    violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
    found = []
    for violation in violations:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            found.append(
                f"{violation['id']} ({violation['impact']}): {target}: {node['failureSummary'].splitlines()[-1].strip()}"
            )
    return found


def check_accessibility(page, where: str, exclude_rules: tuple[str, ...] = ()) -> None:
    """Fail on any serious or critical axe-core violation of the page's current state."""
    found = axe_violations(page, exclude_rules)
    assert not found, f"axe-core on {where} ({page.url}):\n" + "\n".join(found)
