/** C0 controls, DEL and C1 controls: none of them prints, and ESC starts terminal commands. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with every control character written as an escape (`\n`, `\t`,
 * `\u001b`), for the human-readable formats: a file name holding a line break
 * split its row in two, and one holding ESC could send the terminal commands.
 * Text without control characters is returned as it is.
 *
 * @example
 * printable('a\nb.md'); // 'a\\nb.md'
 */
export function printable(text: string): string {
  CONTROL_CHARACTERS.lastIndex = 0;
  if (!CONTROL_CHARACTERS.test(text)) return text;
  return text.replace(CONTROL_CHARACTERS, (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
