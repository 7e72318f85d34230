/** Keyboard movement in a result list: ↓/↑ step through it and wrap at either end. */
export function moveActive(active: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  const next = (active + delta) % count;
  return next < 0 ? next + count : next;
}

export type ListKey = 'ArrowDown' | 'ArrowUp' | 'Enter' | 'PageDown' | 'PageUp';

/** What a key does to the list: a move by some rows, a pick, or nothing. */
export function listKeyAction(key: string): { move: number } | { pick: true } | null {
  switch (key) {
    case 'ArrowDown': return { move: 1 };
    case 'ArrowUp': return { move: -1 };
    case 'PageDown': return { move: 5 };
    case 'PageUp': return { move: -5 };
    case 'Enter': return { pick: true };
    default: return null;
  }
}
