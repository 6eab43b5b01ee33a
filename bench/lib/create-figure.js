// A measured figure next to its goal: what every benchmark writes to its JSON
// and prints in its table.

const COMPARE = {
  '<': (value, target) => value < target,
  '<=': (value, target) => value <= target,
  '>': (value, target) => value > target,
  '>=': (value, target) => value >= target,
};

/**
 * A figure with its goal and whether it is met.
 * @param {object} figure
 * @param {string} figure.label - what was measured, for the table.
 * @param {number} figure.value - the measurement.
 * @param {string} figure.unit - e.g. `docs/s`, `ms`, `MB`, `%`.
 * @param {'<' | '<=' | '>' | '>='} [figure.comparison] - how the value must compare with `target`; no goal without it.
 * @param {number} [figure.target] - the goal.
 * @param {string} [figure.source] - where the goal comes from (the predecessor's plan, an issue).
 */
export function createFigure({ label, value, unit, comparison, target, source }) {
  if (comparison === undefined) return { label, value, unit, goal: null, isGoalMet: null };
  return { label, value, unit, goal: { comparison, value: target, source }, isGoalMet: COMPARE[comparison](value, target) };
}

/** True when every figure with a goal meets it. */
export function areGoalsMet(figures) {
  return Object.values(figures).every((figure) => figure.isGoalMet !== false);
}
