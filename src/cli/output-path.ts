/**
 * Where `miair optimize --out DIR` writes a document: the input tree mirrored
 * under DIR, never outside it.
 */
import path from 'node:path';
import { MiairError } from '../errors.js';

/** Name used under `--out` for a document read from stdin. */
export const STDIN_OUTPUT_NAME = 'stdin.md';

/**
 * The output path of `inputPath` under `outDir`. A file found under a
 * directory input keeps its path relative to that directory; a file named
 * directly keeps its path relative to the working directory, or only its name
 * when it lies outside it.
 */
export function mirrorOutputPath(inputPath: string, root: string | null, outDir: string, cwd: string): string {
  const absoluteOut = path.resolve(cwd, outDir);
  let relative: string;
  if (inputPath === '-') relative = STDIN_OUTPUT_NAME;
  else {
    const absoluteInput = path.resolve(cwd, inputPath);
    relative = root === null ? path.relative(cwd, absoluteInput) : path.relative(path.resolve(cwd, root), absoluteInput);
    if (relative.startsWith('..') || path.isAbsolute(relative)) relative = path.basename(absoluteInput);
  }
  const target = path.resolve(absoluteOut, relative);
  if (target !== absoluteOut && !target.startsWith(absoluteOut + path.sep)) {
    throw new MiairError('INTERNAL', `Refusing to write \`${target}\` outside the output directory \`${absoluteOut}\`.`);
  }
  return target;
}

/** True when `file` lies inside `directory` (both resolved against `cwd`). */
export function isInside(file: string, directory: string, cwd: string): boolean {
  const relative = path.relative(path.resolve(cwd, directory), path.resolve(cwd, file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
