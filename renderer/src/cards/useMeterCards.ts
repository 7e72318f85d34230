/** A card meter's cards (cards.ofMeter), reloaded after an issue, a loss report or a replacement. */
import { useCallback, useEffect, useState } from 'react';
import type { CardView } from '../../../shared/contract/card-views';
import type { ApiClient } from '../api/client';
import { meterCardActions } from './meterCards';

export function useMeterCards(client: ApiClient, meterId: number) {
  const [cards, setCards] = useState<readonly CardView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const result = await client.call('cards.ofMeter', { meterId });
    setError(result.ok ? null : result.error.message);
    if (result.ok) setCards(result.value);
  }, [client, meterId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { cards, error, reload, actions: meterCardActions(cards ?? []) };
}

export type MeterCardsModel = ReturnType<typeof useMeterCards>;
