import { createTwoFilesPatch, formatPatch, type StructuredPatchHunk } from 'diff';

/**
 * Edits (lines added plus lines removed) up to which the patch is jsdiff's
 * minimal one. Its Myers diff takes time proportional to lines x edits: a
 * 0.73 MB document whose 20,000 paragraphs all changed took 165 s to diff.
 */
const MAX_EXACT_EDITS = 2_000;

/** Lines each way that the greedy diff searches for the next common line. */
const SEARCH_WINDOW_LINES = 24;

/** Lines of context around each change, as jsdiff's default. */
const CONTEXT_LINES = 4;

interface Change {
  kind: 'common' | 'removed' | 'added';
  lines: string[];
}

/**
 * Creates the unified diff of one document's refinement (`--diff`): jsdiff's
 * minimal patch when the texts differ by up to {@link MAX_EXACT_EDITS}
 * edited lines, else a patch from a greedy diff that aligns each changed
 * line with the nearest common line (within {@link SEARCH_WINDOW_LINES}),
 * in time linear in the lines. Both apply with `patch`; the greedy one may
 * show a few more lines as changed than needed.
 *
 * @param maxExactEdits Edited lines up to which the patch is minimal (tests pass 0 to use the greedy diff).
 */
export function createDocumentPatch(
  oldName: string,
  newName: string,
  oldText: string,
  newText: string,
  oldHeader: string,
  newHeader: string,
  maxExactEdits: number = MAX_EXACT_EDITS,
): string {
  const exact = createTwoFilesPatch(oldName, newName, oldText, newText, oldHeader, newHeader, { maxEditLength: maxExactEdits });
  if (exact !== undefined) return exact;
  const hunks = buildHunks(greedyDiff(splitLines(oldText), splitLines(newText)));
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader, newHeader, hunks });
}

/** Lines with their line break (`\n` or `\r\n`), as jsdiff splits them; the last one may have none. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function greedyDiff(before: readonly string[], after: readonly string[]): Change[] {
  const changes: Change[] = [];
  const push = (kind: Change['kind'], lines: readonly string[]): void => {
    if (lines.length === 0) return;
    const last = changes[changes.length - 1];
    if (last?.kind === kind) last.lines.push(...lines);
    else changes.push({ kind, lines: [...lines] });
  };
  let oldIndex = 0;
  let newIndex = 0;
  while (oldIndex < before.length || newIndex < after.length) {
    if (oldIndex < before.length && newIndex < after.length && before[oldIndex] === after[newIndex]) {
      push('common', [before[oldIndex] as string]);
      oldIndex++;
      newIndex++;
      continue;
    }
    const skip = nearestCommonLine(before, after, oldIndex, newIndex);
    // No common line near: one line each way changed (or what is left on one side).
    const removed = skip?.removed ?? (oldIndex < before.length ? 1 : 0);
    const added = skip?.added ?? (newIndex < after.length ? 1 : 0);
    // Removed lines first, as jsdiff orders a replaced run.
    push('removed', before.slice(oldIndex, oldIndex + removed));
    push('added', after.slice(newIndex, newIndex + added));
    oldIndex += removed;
    newIndex += added;
  }
  return changes;
}

/** The fewest lines to skip on both sides (at most the window in all) to reach two equal lines. */
function nearestCommonLine(before: readonly string[], after: readonly string[], oldIndex: number, newIndex: number): { removed: number; added: number } | null {
  for (let distance = 1; distance <= SEARCH_WINDOW_LINES; distance++) {
    for (let removed = 0; removed <= distance; removed++) {
      const added = distance - removed;
      const oldLine = before[oldIndex + removed];
      if (oldLine !== undefined && oldLine === after[newIndex + added]) return { removed, added };
    }
  }
  return null;
}

/** Unified-diff hunks of a change list, with {@link CONTEXT_LINES} of context, merged as jsdiff merges them. */
function buildHunks(changes: readonly Change[]): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let current: StructuredPatchHunk | null = null;
  let oldLine = 1;
  let newLine = 1;
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index] as Change;
    if (change.kind !== 'common') {
      if (current === null) {
        const context = changes[index - 1]?.lines.slice(-CONTEXT_LINES) ?? [];
        current = { oldStart: oldLine - context.length, oldLines: context.length, newStart: newLine - context.length, newLines: context.length, lines: context.map((line) => ` ${line}`) };
      }
      for (const line of change.lines) current.lines.push((change.kind === 'added' ? '+' : '-') + line);
      if (change.kind === 'added') {
        current.newLines += change.lines.length;
        newLine += change.lines.length;
      } else {
        current.oldLines += change.lines.length;
        oldLine += change.lines.length;
      }
      continue;
    }
    if (current !== null) {
      const isLast = index === changes.length - 1;
      const context = !isLast && change.lines.length <= 2 * CONTEXT_LINES ? change.lines : change.lines.slice(0, CONTEXT_LINES);
      for (const line of context) current.lines.push(` ${line}`);
      current.oldLines += context.length;
      current.newLines += context.length;
      if (context.length < change.lines.length || isLast) {
        hunks.push(current);
        current = null;
      }
    }
    oldLine += change.lines.length;
    newLine += change.lines.length;
  }
  if (current !== null) hunks.push(current);
  for (const hunk of hunks) hunk.lines = hunk.lines.flatMap((line) => (line.endsWith('\n') ? [line.slice(0, -1)] : [line, '\\ No newline at end of file']));
  return hunks;
}
