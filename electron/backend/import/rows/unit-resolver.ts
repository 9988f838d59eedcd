import { toAsciiWidth } from '../shape/header-text';

/**
 * Unit names from the file against the organisation's units. A known name is replaced by
 * its exact spelling in the tree; an unknown one is collected to be offered for creation —
 * never created here. Without a list (nothing to compare with) every name passes as typed.
 */
const unitKey = (s: string) => toAsciiWidth(s).replace(/[\s\u00a0\u3000]+/g, '');

export class UnitResolver {
  private readonly known: Map<string, string> | null;
  private readonly unknownSeen = new Map<string, string>();

  constructor(existing: readonly string[] | undefined) {
    this.known = existing ? new Map(existing.map((n) => [unitKey(n), n])) : null;
  }

  /** The unit's name as the tree spells it, or null when the tree has no such unit. */
  resolve(name: string): string | null {
    if (!this.known) return name;
    const k = unitKey(name);
    const hit = this.known.get(k);
    if (hit !== undefined) return hit;
    if (!this.unknownSeen.has(k)) this.unknownSeen.set(k, name);
    return null;
  }

  get unknown(): string[] {
    return [...this.unknownSeen.values()];
  }
}
