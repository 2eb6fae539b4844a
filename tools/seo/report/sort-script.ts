/**
 * The report's only script: turns the table's column headings into sort
 * buttons. Without it the table reads as it is written, worst score first.
 * Cells sort by their data-sort value (numbers) or their text.
 */
export const SORT_SCRIPT = `
(() => {
  const table = document.querySelector('table.posts');
  if (!table) return;
  const headers = [...table.tHead.rows[0].cells];
  const body = table.tBodies[0];
  const key = (row, index) => {
    const cell = row.cells[index];
    const value = cell.dataset.sort ?? cell.textContent.trim().toLowerCase();
    return value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  };
  headers.forEach((header, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = header.textContent;
    header.replaceChildren(button);
    button.addEventListener('click', () => {
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      headers.forEach((other) => other.removeAttribute('aria-sort'));
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a, index);
        const y = key(b, index);
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
  document.querySelector('.hint')?.removeAttribute('hidden');
})();
`;
