/** Renders rows (arrays of cells) as a left-aligned text table with a header rule. */
export function formatTable(header, rows) {
  const cells = [header, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** Fixed-precision number for the table; integers stay integers. */
export function fmt(value, digits = 2) {
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}
