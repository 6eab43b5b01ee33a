// Prints figures as a table: measured value, goal, met or not, and where the goal comes from.

/** Formats a number for the table: thousands separators from 100 up, else up to 2 decimals. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

/**
 * Writes the table of `figures` (an object of createFigure results) to stdout.
 * With `run.isAccounted` false or `run.errors` above 0 the run did not do what
 * was measured (a CLI that failed at once "used" 70 MB): no goal is shown met,
 * and a last line says why.
 */
export function printFigures(figures, run = { isAccounted: true, errors: 0 }) {
  const isVoid = !run.isAccounted || run.errors > 0;
  const rows = Object.values(figures).map((figure) => [
    figure.label,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.goal === null ? '' : `${figure.goal.comparison} ${formatNumber(figure.goal.value)} ${figure.unit}`,
    figure.isGoalMet === null ? '' : isVoid ? 'void' : figure.isGoalMet ? 'met' : 'NOT met',
    figure.goal?.source ?? '',
  ]);
  const header = ['figure', 'measured', 'goal', '', 'goal from'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n`);
  if (isVoid) {
    const why = [run.isAccounted ? '' : 'not every document came back exactly once', run.errors > 0 ? `${run.errors} documents ended in error` : ''].filter(Boolean).join(', ');
    process.stdout.write(`void: ${why}; the figures above do not count toward any goal.\n`);
  }
}
