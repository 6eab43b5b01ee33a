/** Longest buffer a {@link ScratchArray} keeps between calls (elements), unless its constructor says otherwise. */
const MAX_KEPT_ELEMENTS = 1 << 20;

/** The typed arrays a {@link ScratchArray} hands out. */
type ScratchElements = Int32Array | Uint8Array | Float64Array;

/**
 * A zeroed typed array of any length over one buffer kept between calls (grown
 * as needed), for the per-document tables of the `miair` components: measured
 * on tldr pages, allocating a typed array cost 0.3-4 µs plus GC, a zeroed view
 * of a kept buffer about a tenth of that. One scratch array serves one use at
 * a time: each `take` invalidates the array the previous one returned.
 */
export class ScratchArray<T extends ScratchElements> {
  private buffer: T;

  /**
   * @param create a new array of `length` zeroed elements.
   * @param maxKeptElements longest buffer kept between calls: a longer request gets an array of its own.
   */
  constructor(
    private readonly create: (length: number) => T,
    private readonly maxKeptElements: number = MAX_KEPT_ELEMENTS,
  ) {
    this.buffer = create(256);
  }

  /** A view of `length` zeroed elements. */
  take(length: number): T {
    // A huge request gets an array of its own: the kept buffer stays small for the life of the process.
    if (length > this.maxKeptElements) return this.create(length);
    if (length > this.buffer.length) {
      this.buffer = this.create(Math.max(length, this.buffer.length * 2));
      return this.buffer.subarray(0, length) as T;
    }
    const view = this.buffer.subarray(0, length) as T;
    view.fill(0);
    return view;
  }
}
