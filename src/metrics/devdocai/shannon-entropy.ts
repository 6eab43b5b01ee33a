/** Counts below this have their term remembered during one call. */
const SMALL_COUNTS = 64;
const smallCountTerms = new Float64Array(SMALL_COUNTS);

/**
 * Shannon entropy of a frequency distribution, in bits: `-sum(p * log2 p)`
 * with `p = count / total`, summed in the order given (the predecessor's
 * order is first occurrence, which keeps the last bits identical too).
 *
 * Returns 0 when `total` is 0 and when there is a single distinct value.
 *
 * @param counts - occurrences of each distinct value, each >= 1.
 * @param total - the sum of `counts`.
 * @example
 * shannonEntropy([3, 3, 3], 9); // log2(3) = 1.584962500721156
 */
export function shannonEntropy(counts: ArrayLike<number>, total: number): number {
  if (total === 0) return 0;
  // Most counts are small and repeat; each term depends on its count alone, so
  // small counts reuse the term computed first (the same double: same sum).
  const terms = smallCountTerms.fill(Number.NaN);
  let sum = 0;
  for (let index = 0; index < counts.length; index++) {
    const count = counts[index]!;
    let term = count < SMALL_COUNTS ? terms[count]! : Number.NaN;
    if (Number.isNaN(term)) {
      const probability = count / total;
      term = probability * Math.log2(probability);
      if (count < SMALL_COUNTS) terms[count] = term;
    }
    sum -= term;
  }
  return sum;
}
