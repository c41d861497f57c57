// Sorts a table.sortable by the column whose heading is clicked. Cells may carry data-sort.
(function () {
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = table.tHead.rows[0].cells;
    Array.from(heads).forEach((th, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", () => {
        const descending = th.getAttribute("aria-sort") !== "descending";
        Array.from(heads).forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const key = (row) => {
          const cell = row.cells[index];
          return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
        };
        const rows = Array.from(table.tBodies[0].rows);
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const nx = parseFloat(x), ny = parseFloat(y);
          const order = x === "" ? 1 : y === "" ? -1 : !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, document.documentElement.lang);
          return descending && x !== "" && y !== "" ? -order : order;
        });
        rows.forEach((row) => table.tBodies[0].appendChild(row));
      });
    });
  }
})();
