/**
 * Cells whose typed or pasted value was refused: the value stays visible in red with its
 * reason, unsaved, until the user corrects it or discards it (Esc). Nothing typed vanishes.
 */
export interface Refusal {
  value: string;
  reason: string;
}

export class RefusedCells {
  private readonly cells = new Map<string, Refusal>();

  private key(id: number, field: string) {
    return `${id}:${field}`;
  }

  set(id: number, field: string, r: Refusal): void {
    this.cells.set(this.key(id, field), r);
  }

  get(id: number, field: string): Refusal | undefined {
    return this.cells.get(this.key(id, field));
  }

  clear(id: number, field: string): boolean {
    return this.cells.delete(this.key(id, field));
  }

  /** Forget refusals for fields the server has just saved. */
  clearRow(id: number, fields: Iterable<string>): void {
    for (const f of fields) this.clear(id, f);
  }

  get size(): number {
    return this.cells.size;
  }
}
