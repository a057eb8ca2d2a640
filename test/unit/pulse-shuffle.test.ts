import { describe, expect, it } from 'vitest';
import { shuffle } from '../../src/pulse/store.js';

/**
 * The order in which invitations and answer rows are written must not follow the member
 * list or the order of answering (store.ts): shuffle() returns a random permutation.
 */
describe('shuffle', () => {
  it('returns the same items in an order that changes from call to call, every position holding different items', () => {
    const input = Array.from({ length: 20 }, (_, i) => i);
    const seen = Array.from({ length: 20 }, () => new Set<number>());
    let identical = 0;
    for (let run = 0; run < 50; run++) {
      const out = shuffle([...input]);
      expect([...out].sort((a, b) => a - b)).toEqual(input);
      if (out.every((x, i) => x === i)) identical++;
      out.forEach((x, i) => seen[i]!.add(x));
    }
    expect(identical).toBe(0); // the chance of even one identity among 50 is 50/20!
    // Every position (the first and the last too) holds several different items over 50 runs.
    expect(seen.every((s) => s.size >= 5)).toBe(true);
  });

  it('shuffles in place and keeps an empty or single list as it is', () => {
    const list = [1, 2, 3];
    expect(shuffle(list)).toBe(list);
    expect(shuffle([])).toEqual([]);
    expect(shuffle(['a'])).toEqual(['a']);
  });
});
