import { shannonEntropy } from '../../metrics/devdocai/shannon-entropy.js';

/**
 * Shannon entropy of the characters of `value`, in bits per character
 * (0 for an empty string or one repeated character). Random base64 keys
 * measure about 4.5-5.5; words and identifiers about 2.5-3.5.
 */
export function characterEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let total = 0;
  for (const count of counts.values()) total += count;
  return shannonEntropy([...counts.values()], total);
}
