/* Paints organisation colour swatches from their data-colour attributes (no inline styles). */
document.querySelectorAll("[data-colour]").forEach(function (node) {
  node.style.setProperty("--org", node.getAttribute("data-colour"));
});
