import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/**
 * Wordy phrases and their plain replacements, lower case. A phrase is only
 * listed when the replacement is right in every grammatical position it can
 * appear in; "a number of" is deliberately absent because technical text uses
 * it for a numeric value ("pass a number of milliseconds").
 */
export const WORDY_PHRASES: ReadonlyArray<readonly [phrase: string, replacement: string]> = [
  ['in order to', 'to'],
  ['so as to', 'to'],
  ['in an effort to', 'to'],
  ['due to the fact that', 'because'],
  ['owing to the fact that', 'because'],
  ['in view of the fact that', 'because'],
  ['despite the fact that', 'although'],
  ['in spite of the fact that', 'although'],
  ['at this point in time', 'now'],
  ['at this moment in time', 'now'],
  ['at the present time', 'now'],
  ['in the near future', 'soon'],
  ['is able to', 'can'],
  ['are able to', 'can'],
  ['has the ability to', 'can'],
  ['have the ability to', 'can'],
  ['prior to', 'before'],
  ['in the event that', 'if'],
  ['in the case that', 'if'],
  ['for the purpose of', 'for'],
  ['with the exception of', 'except'],
  ['in close proximity to', 'near'],
  ['a large number of', 'many'],
  ['a great number of', 'many'],
  ['the majority of', 'most'],
  ['a majority of', 'most'],
  ['until such time as', 'until'],
  ['each and every', 'every'],
  ['first and foremost', 'first'],
  ['in a timely manner', 'promptly'],
  ['on a daily basis', 'daily'],
  ['on a regular basis', 'regularly'],
  ['at all times', 'always'],
  ['make use of', 'use'],
  ['makes use of', 'uses'],
  ['made use of', 'used'],
  ['making use of', 'using'],
  ['whether or not', 'whether'],
  ['a sufficient number of', 'enough'],
  ['a sufficient amount of', 'enough'],
  ['please note that', 'note that'],
  ['with regard to', 'about'],
  ['in regard to', 'about'],
  ['in excess of', 'more than'],
  ['along the lines of', 'like'],
  ['for the most part', 'mostly'],
  ['by means of', 'by'],
  ['in spite of', 'despite'],
  ['utilize', 'use'],
  ['utilizes', 'uses'],
  ['utilized', 'used'],
  ['utilizing', 'using'],
  ['utilise', 'use'],
  ['utilises', 'uses'],
  ['utilised', 'used'],
  ['utilising', 'using'],
];

const REPLACEMENTS = new Map(WORDY_PHRASES.map(([phrase, replacement]) => [phrase, replacement]));

// Longest phrases first, so "in spite of the fact that" wins over "in spite of".
const WORDY_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}_\\-'’])(?:${[...REPLACEMENTS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.split(' ').join('[ \\t]*\\n?[ \\t]*(?<=\\s)'))
    .join('|')})(?![\\p{L}\\p{N}_\\-'’])`,
  'giu',
);

/**
 * Replaces wordy phrases with plain ones ("in order to" -> "to", "prior to" ->
 * "before"), keeping an initial capital ("In order to" -> "To"). A phrase may
 * wrap over a line break of the same paragraph.
 */
export function replaceWordyPhrases(text: string, parsed: ParsedDocument): string {
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked) =>
    masked.replace(WORDY_PHRASE, (match: string) => {
      const replacement = REPLACEMENTS.get(match.toLowerCase().split(/\s+/).join(' '));
      if (replacement === undefined) return match;
      const isCapitalized = /^\p{Lu}/u.test(match);
      return isCapitalized ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
    }),
  );
}
