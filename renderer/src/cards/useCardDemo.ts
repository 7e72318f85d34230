/**
 * Browser mode's card files (cards.demoFiles / demoInsert / demoNewBlank): the simulated reader holds one
 * file of <data>/cards at a time. `available` stays false where the backend has a real reader (card-demo-only).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CardDemoView } from '../../../shared/contract/card-views';
import type { ApiClient, Outcome } from '../api/client';

export function useCardDemo(client: ApiClient, onChanged: () => void) {
  const [demo, setDemo] = useState<CardDemoView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void client.call('cards.demoFiles', {}).then((result) => {
      if (live && result.ok) setDemo(result.value);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const run = useCallback(async (call: () => Promise<Outcome<CardDemoView>>) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (result.ok) setDemo(result.value);
    onChanged();
    return result.ok ? result.value : null;
  }, [onChanged]);

  return {
    demo, error, busy,
    insert: (file: string | null) => run(() => client.call('cards.demoInsert', { file })),
    /** Adds a blank card file; answers its name. */
    newBlank: async (): Promise<string | null> => {
      const before = new Set(demo?.files.map((f) => f.name) ?? []);
      const after = await run(() => client.call('cards.demoNewBlank', {}));
      return after?.files.find((f) => !before.has(f.name))?.name ?? null;
    },
  };
}

export type CardDemoModel = ReturnType<typeof useCardDemo>;
