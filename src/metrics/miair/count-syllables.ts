/**
 * Estimates the syllables of one lower-case word: the number of groups of
 * consecutive vowels (`a e i o u y`), less a silent final `e` (but not `-le`),
 * at least 1. A fast approximation for Flesch reading ease, not a dictionary:
 * it is exact for most short English words and off by one for some long ones.
 *
 * @example
 * countSyllables('documentation'); // 5
 */
export function countSyllables(word: string): number {
  let count = 0;
  let isPreviousVowel = false;
  const length = word.length;
  for (let index = 0; index < length; index++) {
    const code = word.charCodeAt(index);
    // a e i o u y
    const isVowel = code === 97 || code === 101 || code === 105 || code === 111 || code === 117 || code === 121;
    if (isVowel && !isPreviousVowel) count++;
    isPreviousVowel = isVowel;
  }
  if (
    count > 1 &&
    length > 2 &&
    word.charCodeAt(length - 1) === 101 &&
    word.charCodeAt(length - 2) !== 108 &&
    !isVowelCode(word.charCodeAt(length - 2))
  ) {
    count--;
  }
  return count < 1 ? 1 : count;
}

function isVowelCode(code: number): boolean {
  return code === 97 || code === 101 || code === 105 || code === 111 || code === 117 || code === 121;
}
