import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { MiairError } from '../errors.js';
import { inputErrorFromSystemError } from './input-error-from-system-error.js';

/** A file to read: `path` as given or found, `root` the directory input it was found under (null for files and stdin). */
export interface InputFile {
  path: string;
  root: string | null;
  /** Where to read it: absolute, or `-` for stdin. */
  absolutePath: string;
  error?: undefined;
}

/** An input that cannot be read, with the reason. */
export interface InputFailure {
  path: string;
  error: MiairError;
  root?: undefined;
  absolutePath?: undefined;
}

/** One entry of {@link expandInputs}: a file to read or an error, told apart by `error`. */
export type InputEntry = InputFile | InputFailure;

/** Options of {@link expandInputs}. */
export interface ExpandInputsOptions {
  /** Globs a file under a directory input must match (any of them) to be read; empty means all. */
  include: readonly string[];
  /** Globs of files and directories under a directory input to skip; exclude wins over include. */
  exclude: readonly string[];
  /** Extensions (with the dot, matched case-insensitively) of the files a directory input yields. */
  extensions: readonly string[];
  /** Directory that relative inputs are resolved against. */
  cwd: string;
}

// Skipped at any depth, whatever the globs say: dependencies and version-control internals.
const SKIPPED_DIRECTORY_NAMES = new Set(['node_modules', '.git']);

/**
 * Expands inputs into the files to read, lazily and in a deterministic order:
 * inputs in the order given; under a directory, entries sorted by name (UTF-16
 * code unit order, not locale), depth first.
 *
 * - `-` is standard input. A named file is read whatever its extension and globs.
 * - A directory is walked recursively; a file found there is yielded when its
 *   extension is in `extensions`, it matches `include` (when not empty) and does
 *   not match `exclude`; an `include` glob starting with `!` excludes what it
 *   matches, as in .gitignore. Globs (picomatch, dotfiles included) are matched against
 *   the path relative to the directory input, with `/` separators; a directory
 *   matching `exclude` is not entered. `node_modules` and `.git` are never entered.
 * - Symbolic links are followed, like `find -L`: a directory is not entered
 *   again below itself (compared by real path), so link loops end; a directory
 *   reachable by two paths is walked under both.
 * - A missing input gives an INPUT_NOT_FOUND entry, an unreadable one (or an
 *   unreadable directory below it) an INPUT_UNREADABLE entry, and the walk goes on.
 *
 * Found files get `path` = the directory input joined with the relative path.
 */
export async function* expandInputs(inputs: readonly string[], options: ExpandInputsOptions): AsyncGenerator<InputEntry> {
  const isIncluded = includeMatcher(options.include);
  const isExcluded = options.exclude.length === 0 ? () => false : picomatch([...options.exclude], { dot: true });
  const extensions = new Set(options.extensions.map((extension) => extension.toLowerCase()));
  const filter: WalkFilter = {
    acceptsFile: (relativePath) => extensions.has(path.extname(relativePath).toLowerCase()) && isIncluded(relativePath) && !isExcluded(relativePath),
    acceptsDirectory: (relativePath) => !isExcluded(relativePath),
  };
  for (const input of inputs) {
    if (input === '-') {
      yield { path: '-', root: null, absolutePath: '-' };
      continue;
    }
    const absolutePath = path.resolve(options.cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolutePath)).isDirectory();
    } catch (error) {
      yield { path: input, error: inputErrorFromSystemError(error, input) };
      continue;
    }
    if (!isDirectory) {
      yield { path: input, root: null, absolutePath };
      continue;
    }
    yield* walkDirectory({ root: input, absolutePath, relativePath: '', filter, ancestorRealPaths: new Set() });
  }
}

interface WalkFilter {
  acceptsFile: (relativePath: string) => boolean;
  acceptsDirectory: (relativePath: string) => boolean;
}

interface WalkState {
  root: string;
  absolutePath: string;
  /** Relative to the root, `/`-separated, '' for the root itself. */
  relativePath: string;
  filter: WalkFilter;
  /** Real paths of the directories from the root down to this one: entering one again would loop. */
  ancestorRealPaths: Set<string>;
}

async function* walkDirectory(state: WalkState): AsyncGenerator<InputEntry> {
  const displayPath = path.join(state.root, state.relativePath);
  let entries: Dirent[];
  let realPath: string;
  try {
    realPath = await realpath(state.absolutePath);
    if (state.ancestorRealPaths.has(realPath)) return;
    // File types come with the listing: one stat per entry costs ~50 us of
    // CPU, so only symbolic links (and unknown types) are stat'ed.
    entries = (await readdir(state.absolutePath, { withFileTypes: true })).sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  } catch (error) {
    yield { path: displayPath, error: inputErrorFromSystemError(error, displayPath) };
    return;
  }
  state.ancestorRealPaths.add(realPath);
  try {
    yield* walkEntries(state, entries);
  } finally {
    state.ancestorRealPaths.delete(realPath);
  }
}

async function* walkEntries(state: WalkState, entries: readonly Dirent[]): AsyncGenerator<InputEntry> {
  for (const entry of entries) {
    const name = entry.name;
    const relativePath = state.relativePath === '' ? name : `${state.relativePath}/${name}`;
    const absolutePath = path.join(state.absolutePath, name);
    let isDirectory = entry.isDirectory();
    try {
      // stat follows symbolic links: a link to a directory is walked, a link to a file is read.
      if (!isDirectory && !entry.isFile()) isDirectory = (await stat(absolutePath)).isDirectory();
    } catch (error) {
      // A dangling link is reported only when it names a file that would have been read.
      if (state.filter.acceptsFile(relativePath)) {
        const entryPath = path.join(state.root, relativePath);
        yield { path: entryPath, error: inputErrorFromSystemError(error, entryPath) };
      }
      continue;
    }
    if (isDirectory) {
      if (SKIPPED_DIRECTORY_NAMES.has(name) || !state.filter.acceptsDirectory(relativePath)) continue;
      yield* walkDirectory({ ...state, absolutePath, relativePath });
    } else if (state.filter.acceptsFile(relativePath)) {
      yield { path: path.join(state.root, relativePath), root: state.root, absolutePath };
    }
  }
}

/**
 * The `include` test: any positive glob matches (all files when there is none) and no `!` glob does. picomatch
 * given a list ORs it, so `["**\/*.md", "!drafts/**"]` kept the drafts: the negation matched everything else (audit).
 */
function includeMatcher(include: readonly string[]): (relativePath: string) => boolean {
  if (include.length === 0) return () => true;
  const positive = include.filter((glob) => !glob.startsWith('!'));
  const negative = include.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const isPositive = positive.length === 0 ? () => true : picomatch(positive, { dot: true });
  const isNegative = negative.length === 0 ? () => false : picomatch(negative, { dot: true });
  return (relativePath) => isPositive(relativePath) && !isNegative(relativePath);
}
