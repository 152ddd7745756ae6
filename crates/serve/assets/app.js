// crosscheck web UI: the highlight toggles of the article page, and bringing the cited
// passage into view. Everything works without it.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("text");
  document.querySelectorAll("#legend input[data-mark]").forEach((box) => {
    box.addEventListener("change", () => {
      text.classList.toggle("hide-" + box.dataset.mark, !box.checked);
    });
  });
  const cited = document.getElementById("cited");
  if (cited) cited.scrollIntoView({ block: "center" });
});
