/** Binary search for `key` in sorted `arr[begin, end)`; -1 when absent. */
export function findSorted(arr: Uint32Array, key: number, begin = 0, end = arr.length): number {
  let lo = begin;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid];
    if (v < key) lo = mid + 1;
    else if (v > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}
