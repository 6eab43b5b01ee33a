/**
 * Reads `MIAIR_*` environment variables into config settings.
 */
import { MiairError } from '../errors.js';
import { CONFIG_KEYS, type MiairConfig } from './schema.js';
import { validateConfig } from './load-config.js';
import { parseNumberSetting } from './parse-number-setting.js';

const PREFIX = 'MIAIR_';

/** `maxIterations` -> `MIAIR_MAX_ITERATIONS`. */
export function environmentName(key: string): string {
  return PREFIX + key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

const KEY_BY_NAME = new Map(CONFIG_KEYS.map((key) => [environmentName(key), key]));
const LIST_KEYS = new Set<string>(['include', 'exclude', 'fallback']);
const STRING_KEYS = new Set<string>(['profile', 'strategy', 'provider', 'model', 'baseUrl', 'azureApiVersion', 'pii', 'cacheDir', 'cacheWarm']);
const BOOLEAN_KEYS = new Set<string>(['cache']);
const JSON_KEYS = new Set<string>(['prices']);

/**
 * Flags of a command that have no variable, by the name a user might try.
 * They choose what one run writes and where (`--format` even takes other
 * values in `analyze` than in `optimize`), so a variable left set in a shell
 * or CI job would silently change or break every later command.
 */
const FLAG_ONLY_NAMES = new Map<string, string>([
  ['MIAIR_FORMAT', '--format'],
  ['MIAIR_OUT', '--out'],
  ['MIAIR_IN_PLACE', '--in-place'],
  ['MIAIR_DRY_RUN', '--dry-run'],
  ['MIAIR_DIFF', '--diff'],
  ['MIAIR_PROGRESS', '--no-progress'],
  ['MIAIR_NO_PROGRESS', '--no-progress'],
  ['MIAIR_CONFIG', '--config'],
  ['MIAIR_DEBUG', '--debug'],
  ['MIAIR_FROM_NDJSON', '--from-ndjson'],
  ['MIAIR_OUT_NDJSON', '--out-ndjson'],
  ['MIAIR_RESTART', '--restart'],
  ['MIAIR_ESTIMATE', '--estimate'],
]);

/**
 * Settings from `MIAIR_*` variables. Numbers are parsed, lists are
 * comma-separated; an unknown `MIAIR_*` name is an error that lists the valid
 * ones, so a typo never goes unnoticed.
 */
export function readEnvironment(environment: Record<string, string | undefined>): MiairConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(environment)) {
    if (!name.startsWith(PREFIX) || value === undefined || value === '') continue;
    const key = KEY_BY_NAME.get(name);
    if (key === undefined) {
      if (name === 'MIAIR_API_KEY') {
        throw new MiairError('CONFIG_UNKNOWN_KEY', 'Unknown environment variable `MIAIR_API_KEY`: API keys come from --api-key, OPENAI_API_KEY or ANTHROPIC_API_KEY. Set one of those and unset MIAIR_API_KEY.');
      }
      const flag = FLAG_ONLY_NAMES.get(name);
      if (flag !== undefined) {
        throw new MiairError(
          'CONFIG_UNKNOWN_KEY',
          `Unknown environment variable \`${name}\`: \`${flag}\` is an option of a single command, given on its command line only (see docs/configuration.md). Pass ${flag} and unset ${name}.`,
        );
      }
      throw new MiairError(
        'CONFIG_UNKNOWN_KEY',
        `Unknown environment variable \`${name}\`. Valid ones: ${[...KEY_BY_NAME.keys()].join(', ')}. Unset it or fix its name.`,
      );
    }
    if (LIST_KEYS.has(key)) raw[key] = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
    else if (STRING_KEYS.has(key)) raw[key] = value;
    else if (JSON_KEYS.has(key)) raw[key] = parseJson(name, value);
    else if (BOOLEAN_KEYS.has(key)) raw[key] = value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
    else raw[key] = parseNumberSetting(value);
  }
  return validateConfig(raw, 'the environment (MIAIR_* variables)');
}

function parseJson(name: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to hold JSON, got \`${value.slice(0, 40)}\`. Fix the variable or unset it.`);
  }
}
