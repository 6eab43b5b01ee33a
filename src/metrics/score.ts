import { DEFAULT_PROFILE } from '../config/defaults.js';
import { MiairError } from '../errors.js';
import { scoreDevdocai } from './devdocai/score-devdocai.js';
import { scoreMiair, scoreMiairDocument } from './miair/score-miair.js';
import type { ParsedDocument } from '../document/types.js';
import type { Metrics, ProfileId, ScoreOptions } from './types.js';

/** Every quality profile, the default first. */
export const PROFILE_IDS: readonly ProfileId[] = ['miair', 'devdocai'];

const SCORERS: Record<ProfileId, (text: string) => Metrics> = {
  miair: scoreMiair,
  devdocai: scoreDevdocai,
};

/** Tells whether `value` names a quality profile (`miair` or `devdocai`). */
export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && (PROFILE_IDS as readonly string[]).includes(value);
}

/**
 * Scores a text with a quality profile, synchronously: words, entropy (bits
 * per word), coherence (0-1), quality (0-100), the profile's components and
 * its findings (0-based UTF-16 ranges into `text`).
 *
 * Pure and deterministic: the same text and profile give the same numbers on
 * any machine and in any thread.
 *
 * @throws MiairError `CONFIG_INVALID` when `options.profile` is not a profile,
 *   `INPUT_MALFORMED` when `text` is not a string.
 * @example
 * score('# Title\n\nSome text.').quality;              // miair profile
 * score('Some text.', { profile: 'devdocai' }).quality; // the predecessor's number
 */
export function score(text: string, options: ScoreOptions = {}): Metrics {
  if (typeof text !== 'string') {
    throw new MiairError('INPUT_MALFORMED', `Expected \`text\` to be a string, got ${describeValue(text)}. Read the file as UTF-8 text first.`);
  }
  return SCORERS[checkProfile(options)](text);
}

/**
 * Scores a document already parsed by `parseMarkdown`: the same metrics as
 * `score(document.text, options)`, without parsing again (the refine loop
 * parses each text once for scoring and its preservation guards).
 *
 * @throws MiairError `CONFIG_INVALID` when `options.profile` is not a profile.
 * @example
 * const document = parseMarkdown(text);
 * scoreDocument(document).quality === score(text).quality; // true
 */
export function scoreDocument(document: ParsedDocument, options: ScoreOptions = {}): Metrics {
  return checkProfile(options) === 'miair' ? scoreMiairDocument(document) : scoreDevdocai(document.text);
}

function checkProfile(options: ScoreOptions): ProfileId {
  // A misspelt option (`{ profil: 'devdocai' }`) would silently score with the default profile, as refine() refuses to.
  for (const key in options) {
    if (key !== 'profile') throw new MiairError('CONFIG_UNKNOWN_KEY', `Unknown score option \`${key}\`. Known options: profile.`);
  }
  const profile: unknown = options.profile ?? DEFAULT_PROFILE;
  if (!isProfileId(profile)) {
    throw new MiairError(
      'CONFIG_INVALID',
      `Expected \`profile\` to be one of ${PROFILE_IDS.map((id) => `\`${id}\``).join(', ')}, got ${describeValue(profile)}. Pass --profile miair or --profile devdocai.`,
      { details: { option: 'profile', value: profile, validProfiles: [...PROFILE_IDS] } },
    );
  }
  return profile;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `\`${value}\`` : `\`${String(value)}\` (${value === null ? 'null' : typeof value})`;
}
