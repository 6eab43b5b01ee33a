import type { PlaceholderTable } from './mask-pii.js';
import { PLACEHOLDER_PATTERN } from './placeholder-pattern.js';

/**
 * Puts the original values back: every placeholder of `placeholders` in
 * `text` becomes the value it stands for; placeholder-looking text that is
 * not in the table stays as it is.
 */
export function restorePii(text: string, placeholders: PlaceholderTable): string {
  if (placeholders.size === 0) return text;
  return text.replace(PLACEHOLDER_PATTERN, (placeholder) => placeholders.get(placeholder)?.value ?? placeholder);
}
