/** Characters per token assumed by {@link estimateTokens}: the usual figure for English text with BPE tokenizers. */
const CHARACTERS_PER_TOKEN = 4;

/**
 * Estimates the tokens of a text as `ceil(characters / 4)`, for models that
 * do not tokenize (the offline `local` refiner, the `mock` model). Cheap and
 * deterministic; a real vendor's count can differ by 20-30%.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}
