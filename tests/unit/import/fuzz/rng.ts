import { mulberry32 } from '../../../../electron/backend/demo/demo-people';

/**
 * The project's seeded random source (mulberry32) with the helpers the fuzz needs: the same
 * seed gives the same cases on every machine, so a failing case is repeated by its seed and
 * number alone.
 */
export class Rng {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed >>> 0);
  }

  /** The generator for case `index` of a run: cases do not depend on one another. */
  static forCase(seed: number, index: number): Rng {
    const r = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0);
    r.next();
    return r;
  }

  /** [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** [lo, hi] */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** One key of `weights`, chosen in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let x = this.next() * entries.reduce((a, [, w]) => a + w, 0);
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }
}
