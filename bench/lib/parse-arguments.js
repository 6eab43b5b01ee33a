// Parses `--name value` pairs against a spec, in the style of the other
// benchmarks: an unknown option or a bad value is an error naming the option,
// the expectation and the value.
import { resolve } from 'node:path';

/**
 * @param {string[]} argv - the benchmark's arguments.
 * @param {Record<string, { key: string, type: 'integer' | 'number' | 'path' | 'string', min?: number, defaultValue: unknown, help: string }>} spec
 *   options by flag; `min` is the smallest number accepted.
 * @returns {Record<string, unknown>} the defaults, overridden by the arguments.
 */
export function parseArguments(argv, spec) {
  const options = {};
  for (const entry of Object.values(spec)) options[entry.key] = entry.defaultValue;
  const usage = () => Object.entries(spec).map(([flag, entry]) => `${flag} ${entry.help}`).join(', ');
  for (let index = 0; index < argv.length; index += 2) {
    const [argument, value] = [argv[index], argv[index + 1]];
    const entry = spec[argument];
    if (entry === undefined) throw new Error(`Unknown option \`${argument}\`. Use ${usage()}.`);
    if (value === undefined) throw new Error(`Option \`${argument}\` needs a value (${entry.help}).`);
    if (entry.type === 'path') options[entry.key] = resolve(value);
    else if (entry.type === 'string') options[entry.key] = value;
    else {
      const number = Number(value);
      const isValid = value.trim() !== '' && (entry.type === 'integer' ? Number.isInteger(number) : Number.isFinite(number)) && number >= (entry.min ?? -Infinity);
      if (!isValid) {
        const kind = entry.type === 'integer' ? 'an integer' : 'a number';
        throw new Error(`Expected \`${argument}\` to be ${kind}${entry.min === undefined ? '' : ` >= ${entry.min}`}, got \`${value}\`.`);
      }
      options[entry.key] = number;
    }
  }
  return options;
}
