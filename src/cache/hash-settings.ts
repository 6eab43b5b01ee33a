import { MiairError } from '../errors.js';
import { hashContent } from './hash-content.js';

/** A setting value that can change an answer. */
export type SettingValue = string | number | boolean | null;

// Names that hold credentials. Settings that change an answer never do, so
// one that looks like a credential is a bug in the caller, not a setting.
const CREDENTIAL_NAME = /api[-_]?key|secret|password|passwd|authorization|credential|bearer/i;

/**
 * Hashes the settings that change an answer (temperature, maxOutputTokens,
 * strategy, profile, ...) deterministically: the keys are sorted, so the
 * order they were written in does not matter; `undefined` values are left
 * out, as JSON does.
 *
 * @throws MiairError `INTERNAL` when a setting's name looks like a credential
 *   (`apiKey`, `secret`, `authorization`, ...): credentials never enter a key.
 * @example
 * hashSettings({ temperature: 0.2, maxOutputTokens: 4096 }) === hashSettings({ maxOutputTokens: 4096, temperature: 0.2 }); // true
 */
export function hashSettings(settings: Readonly<Record<string, SettingValue | undefined>>): string {
  const names = Object.keys(settings)
    .filter((name) => settings[name] !== undefined)
    .sort();
  const credential = names.find((name) => CREDENTIAL_NAME.test(name));
  if (credential !== undefined) {
    throw new MiairError('INTERNAL', `The setting \`${credential}\` looks like a credential and must not be part of a cache key. Leave credentials out of the settings passed to hashSettings.`);
  }
  return hashContent(JSON.stringify(names.map((name) => [name, settings[name]])));
}
