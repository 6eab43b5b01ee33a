import type { LanguageModelMessage } from '../spec.js';

/** The rule sets of the local refiner, named after the refine strategies. */
export type LocalStrategy = 'quality' | 'entropy' | 'performance';

const DIRECTIVE = /^[ \t]*Strategy:[ \t]*(quality|entropy|performance|adaptive)\b/im;

/**
 * Reads the `Strategy: quality|entropy|performance` line that the refine loop
 * puts in its system message, so the local refiner can pick a rule set.
 * Returns `quality` when no system message has the line, and for `adaptive`
 * (the loop resolves adaptive to a concrete strategy before prompting; a
 * prompt that still says adaptive gets every rule).
 */
export function readStrategyDirective(messages: readonly LanguageModelMessage[]): LocalStrategy {
  for (const message of messages) {
    if (message.role !== 'system') continue;
    const match = DIRECTIVE.exec(message.content);
    const strategy = match?.[1]?.toLowerCase();
    if (strategy === 'entropy' || strategy === 'performance' || strategy === 'quality') return strategy;
    if (strategy === 'adaptive') return 'quality';
  }
  return 'quality';
}
