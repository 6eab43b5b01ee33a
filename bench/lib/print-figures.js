// Prints figures as a table: measured value, goal, met or not, and where the goal comes from.

/** Formats a number for the table: thousands separators from 100 up, else up to 2 decimals. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

/** Writes the table of `figures` (an object of createFigure results) to stdout. */
export function printFigures(figures) {
  const rows = Object.values(figures).map((figure) => [
    figure.label,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.goal === null ? '' : `${figure.goal.comparison} ${formatNumber(figure.goal.value)} ${figure.unit}`,
    figure.isGoalMet === null ? '' : figure.isGoalMet ? 'met' : 'NOT met',
    figure.goal?.source ?? '',
  ]);
  const header = ['figure', 'measured', 'goal', '', 'goal from'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n`);
}
