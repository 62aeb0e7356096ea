"""What every projector state must satisfy, at 1920x1080 and on a 1366x768 laptop alike."""

MIN_TEXT_PX = 32


def projector_problems(screen) -> list[str]:
    """Text below 32 design px, text cut off with "…" or a line clamp, results overflowing their area,
    and the footer overlapping the results or falling off the window."""
    return screen.evaluate(
        """min => {
        const problems = [];
        const box = document.getElementById("screen-results");
        if (box.scrollHeight > box.clientHeight + 2) problems.push(`results overflow: ${box.scrollHeight} > ${box.clientHeight}px high`);
        if (box.scrollWidth > box.clientWidth + 2) problems.push(`results overflow: ${box.scrollWidth} > ${box.clientWidth}px wide`);
        const foot = document.querySelector(".screen-foot").getBoundingClientRect();
        const results = box.getBoundingClientRect();
        if (foot.bottom > window.innerHeight + 1) problems.push(`footer cut off at ${foot.bottom}px of ${window.innerHeight}`);
        if (foot.top < results.bottom - 1) problems.push(`footer overlaps the results (${foot.top} < ${results.bottom})`);
        for (const node of document.querySelectorAll("#activity *")) {
          if (!node.childNodes.length || ![...node.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          const style = getComputedStyle(node), rect = node.getBoundingClientRect();
          // Text for screen readers only (.visually-hidden, clipped to 1px) is not on the projector.
          if (!rect.width || style.visibility === "hidden" || node.closest(".visually-hidden")) continue;
          const text = node.textContent.trim().slice(0, 40);
          if (parseFloat(style.fontSize) < min) problems.push(`text below ${min}px (${style.fontSize}): ${text}`);
          if (style.textOverflow === "ellipsis" || (style.webkitLineClamp && style.webkitLineClamp !== "none"))
            problems.push(`text may be cut off with an ellipsis: ${text}`);
          if (node.scrollWidth > node.clientWidth + 2 && style.overflowX === "hidden") problems.push(`text cut off sideways: ${text}`);
        }
        return problems;
      }""",
        MIN_TEXT_PX,
    )
