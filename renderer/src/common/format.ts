const p2 = (n: number) => String(n).padStart(2, '0');

/** A stored UTC timestamp in the workstation's local time, as the office reads it. */
export function localTime(iso: string, withSeconds = false): string {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}`;
  return withSeconds ? `${day}:${p2(d.getSeconds())}` : day;
}
