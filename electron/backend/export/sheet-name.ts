/**
 * Names Excel accepts for sheets: at most 31 characters, none of : \ / ? * [ ], not
 * starting or ending with an apostrophe, not "History" (reserved), unique ignoring case.
 * A name that breaks a rule is mended rather than refused — it only labels a tab.
 */
export function sheetNames(wanted: readonly string[]): string[] {
  const used = new Set<string>();
  return wanted.map((w, i) => {
    let base = w.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').trim();
    if (!base || base.toLowerCase() === 'history') base = `Sheet${i + 1}`;
    base = Array.from(base).slice(0, 31).join('');
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const tail = `(${n})`;
      name = Array.from(base).slice(0, 31 - tail.length).join('') + tail;
    }
    used.add(name.toLowerCase());
    return name;
  });
}
