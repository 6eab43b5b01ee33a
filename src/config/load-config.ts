/**
 * Finds and loads `miair.config.{ts,mts,js,mjs,cjs,json}` and validates it.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MiairError } from '../errors.js';
import { configSchema, CONFIG_KEYS, type MiairConfig } from './schema.js';
import { formatValidationIssue } from './format-validation-issue.js';

/** File names searched in the working directory, in this order. */
export const CONFIG_FILE_NAMES = [
  'miair.config.ts',
  'miair.config.mts',
  'miair.config.js',
  'miair.config.mjs',
  'miair.config.cjs',
  'miair.config.json',
] as const;

/** A loaded config file. */
export interface LoadedConfig {
  /** Absolute path of the file, or null when none was found. */
  path: string | null;
  config: MiairConfig;
}

/**
 * Loads the config file named by `configPath`, or the first of
 * {@link CONFIG_FILE_NAMES} found in `cwd`. No file is not an error; a named
 * file that is missing is (`CONFIG_NOT_FOUND`), and so is an unknown key
 * (`CONFIG_UNKNOWN_KEY`) or a bad value (`CONFIG_INVALID`).
 */
export async function loadConfig(cwd: string, configPath?: string): Promise<LoadedConfig> {
  const file = configPath === undefined ? findConfigFile(cwd) : path.resolve(cwd, configPath);
  if (file === null) return { path: null, config: {} };
  if (!existsSync(file)) {
    throw new MiairError('CONFIG_NOT_FOUND', `Config file \`${file}\` does not exist. Check the --config path.`);
  }
  if (statSync(file).isDirectory()) {
    throw new MiairError('CONFIG_NOT_FOUND', `\`${file}\` is a directory, not a config file. Pass the file itself, for example --config ${path.join(file, 'miair.config.json')}.`);
  }
  const raw = await readConfigFile(file);
  return { path: file, config: validateConfig(raw, `config file \`${file}\``) };
}

/**
 * Validates a plain object against the config schema. `source` names where it
 * came from in messages.
 */
export function validateConfig(raw: unknown, source: string): MiairConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MiairError('CONFIG_INVALID', `Expected ${source} to export an object of settings, got ${Array.isArray(raw) ? 'an array' : typeof raw}.`);
  }
  const unknownKeys = Object.keys(raw).filter((key) => !(CONFIG_KEYS as string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw new MiairError(
      'CONFIG_UNKNOWN_KEY',
      `Unknown key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((key) => `\`${key}\``).join(', ')} in ${source}. Valid keys: ${CONFIG_KEYS.join(', ')}.`,
    );
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MiairError('CONFIG_INVALID', issue === undefined ? `Invalid ${source}.` : formatValidationIssue(issue, raw, source));
  }
  return parsed.data;
}

function findConfigFile(cwd: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

async function readConfigFile(file: string): Promise<unknown> {
  try {
    // A byte order mark is no JSON: editors on Windows write one.
    if (file.endsWith('.json')) return JSON.parse((await readFile(file, 'utf8')).replace(/^\ufeff/, '')) as unknown;
    // c12 (with jiti) loads TypeScript configs under plain node; loaded lazily
    // because it costs ~75 ms of start-up that runs without a config file skip.
    const { loadConfig: loadWithC12 } = await import('c12');
    const loaded = await loadWithC12({
      cwd: path.dirname(file),
      configFile: file,
      rcFile: false,
      globalRc: false,
      dotenv: false,
      packageJson: false,
      // `extends` is not a miair key: c12 would follow it and merge silently (and name the wrong file in errors).
      extend: false,
    });
    // The file's export as it is: c12 turns a number or a string into {}, which would pass for "no settings".
    return loaded.layers?.find((layer) => layer.configFile === file)?.config ?? loaded.config;
  } catch (error) {
    throw new MiairError('CONFIG_INVALID', `Could not load config file \`${file}\`: ${error instanceof Error ? error.message : String(error)}. Fix the file or pass another with --config.`, { cause: error });
  }
}
