/* Copy buttons next to the links of a new workshop. */
document.querySelectorAll("[data-copy-for]").forEach(function (button) {
  button.addEventListener("click", function () {
    var input = document.getElementById(button.getAttribute("data-copy-for"));
    input.select();
    var done = function () { button.textContent = button.getAttribute("data-copied") || "✓"; };
    if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
    else { document.execCommand("copy"); done(); }
  });
});
