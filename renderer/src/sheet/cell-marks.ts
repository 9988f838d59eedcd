/**
 * What a cell shows instead of its saved value: a value on its way to the server (shown at once,
 * so fast typing never waits for a round trip), or a value the server refused — kept in red with
 * its reason until the user corrects it, discards it (Esc) or undoes the change. Nothing typed vanishes.
 */
export interface CellMark {
  state: 'pending' | 'refused';
  value: string;
  reason?: string;
}

export class CellMarks {
  private readonly cells = new Map<string, CellMark>();

  private key(id: number, field: string) {
    return `${id}:${field}`;
  }

  get(id: number, field: string): CellMark | undefined {
    return this.cells.get(this.key(id, field));
  }

  refuse(id: number, field: string, value: string, reason: string): void {
    this.cells.set(this.key(id, field), { state: 'refused', value, reason });
  }

  pending(id: number, field: string, value: string): void {
    this.cells.set(this.key(id, field), { state: 'pending', value });
  }

  refused(id: number, field: string): CellMark | undefined {
    const m = this.get(id, field);
    return m?.state === 'refused' ? m : undefined;
  }

  clear(id: number, field: string): boolean {
    return this.cells.delete(this.key(id, field));
  }

  get size(): number {
    return this.cells.size;
  }
}
