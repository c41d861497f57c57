// Copies the text of the element a button's data-copy names. The text may sit in a closed
// <details>: textContent does not need it shown, so one click copies. Its words come from
// the page's language, in data-copied and data-selected.
(function () {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const label = button.textContent;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(source.textContent);
        button.textContent = button.dataset.copied;
      } catch (e) {
        const details = source.closest("details");
        if (details) details.open = true;
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = button.dataset.selected;
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
})();
