/**
 * Near-duplicate unit names, as they arrive in other offices' spreadsheets: one character
 * typed for a like-sounding one (督查支队 for 督察支队), or the right place with the wrong kind
 * of unit (高新支队 for 高新分局). Before an import creates a unit it has never seen, the
 * existing units it may mean are suggested, so the tree does not fill with twins.
 */

/** Endings that say what kind of unit a name is; the part before them names the place or branch. */
const KIND_ENDINGS = ['派出所', '分局', '支队', '大队', '中队', '工作组', '专班', '领导小组', '党委', '科', '处', '室', '部', '局', '队', '所', '组'];

const normal = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

/** The name without its kind ending (高新分局 → 高新), or null when nothing is left. */
function stem(name: string): string | null {
  for (const end of KIND_ENDINGS) if (name.length > end.length && name.endsWith(end)) return name.slice(0, -end.length);
  return null;
}

/** Edit distance up to `limit` (insert, delete, substitute one character), or limit + 1 beyond it. */
export function editDistance(a: string, b: string, limit = 2): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * The existing names `name` may be a slip for, closest first: one character apart (in names
 * of three characters or more, where one character is a slip rather than another unit), or
 * the same stem with another kind ending. The name itself (after width and spaces) is not a
 * suggestion: it is the same unit.
 */
export function similarUnitNames(name: string, existing: readonly string[]): string[] {
  const n = normal(name);
  const s = stem(n);
  const scored: { name: string; score: number }[] = [];
  for (const other of existing) {
    const o = normal(other);
    if (o === n) continue;
    const d = [...n].length >= 3 && [...o].length >= 3 ? editDistance(n, o, 1) : 2;
    if (d <= 1) scored.push({ name: other, score: d });
    else if (s !== null && s.length >= 2 && stem(o) === s) scored.push({ name: other, score: 2 });
  }
  return scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'zh')).map((x) => x.name).slice(0, 3);
}
