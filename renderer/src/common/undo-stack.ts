/**
 * Undo and redo of user actions, as in Excel: Ctrl+Z walks back, Ctrl+Y forward, and a new
 * action clears what could be redone. Each step knows how to undo and redo itself through
 * the API, so an undo is just another recorded change on the backend.
 */
export interface UndoStep {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export class UndoStack {
  private done: UndoStep[] = [];
  private undone: UndoStep[] = [];
  private busy = false;

  constructor(
    private readonly limit = 200,
    private readonly onChange: () => void = () => {},
  ) {}

  push(step: UndoStep): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    this.onChange();
  }

  get canUndo(): boolean {
    return this.done.length > 0 && !this.busy;
  }

  get canRedo(): boolean {
    return this.undone.length > 0 && !this.busy;
  }

  get nextUndoLabel(): string | null {
    return this.done[this.done.length - 1]?.label ?? null;
  }

  get nextRedoLabel(): string | null {
    return this.undone[this.undone.length - 1]?.label ?? null;
  }

  /** Returns the label of what was undone, or null if there was nothing (or a step is running). */
  async undo(): Promise<string | null> {
    const step = this.busy ? undefined : this.done.pop();
    if (!step) return null;
    await this.run(step, 'undo', this.undone, this.done);
    return step.label;
  }

  async redo(): Promise<string | null> {
    const step = this.busy ? undefined : this.undone.pop();
    if (!step) return null;
    await this.run(step, 'redo', this.done, this.undone);
    return step.label;
  }

  private async run(step: UndoStep, how: 'undo' | 'redo', onSuccess: UndoStep[], onFailure: UndoStep[]): Promise<void> {
    this.busy = true;
    this.onChange();
    try {
      await step[how]();
      onSuccess.push(step);
    } catch (err) {
      onFailure.push(step); // not lost: the user can try again once the cause is fixed
      throw err;
    } finally {
      this.busy = false;
      this.onChange();
    }
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.onChange();
  }
}
