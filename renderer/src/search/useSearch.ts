import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { moveActive } from './listNav';

interface Results {
  readonly query: string;
  readonly hits: readonly SearchHit[];
  readonly error: string | null;
}

const NONE: Results = { query: '', hits: [], error: null };
export const SEARCH_DEBOUNCE_MS = 150;
const LIMIT = 20;

/** customers.search for the settled text; answers for older text are dropped. */
function useSearchResults(client: ApiClient, wanted: string, onResults: () => void): Results {
  const [results, setResults] = useState<Results>(NONE);
  useEffect(() => {
    if (!wanted) return setResults(NONE);
    let stale = false;
    void client.call('customers.search', { query: wanted, limit: LIMIT }).then((r) => {
      if (stale) return;
      setResults(r.ok ? { query: wanted, hits: r.value, error: null } : { query: wanted, hits: [], error: r.error.message });
      onResults();
    });
    return () => { stale = true; };
  }, [client, wanted, onResults]);
  return results;
}

/**
 * Results as you type (customers.search after a 150 ms pause), an active row moved by the arrow keys, and
 * Enter to pick it. Enter pressed before the results of the typed text have come (a card or barcode
 * reader types a number and Enter in one go) picks the first result as soon as it arrives.
 */
export function useSearch(client: ApiClient, onPick: (hit: SearchHit) => void, delay = SEARCH_DEBOUNCE_MS) {
  const [query, setQueryText] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const pickPending = useRef(false);
  const resetActive = useCallback(() => setActive(0), []);
  const results = useSearchResults(client, useDebouncedValue(query.trim(), delay), resetActive);
  const settled = results.query === query.trim();

  const pick = useCallback((hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    onPick(hit);
  }, [onPick]);

  useEffect(() => {
    if (!pickPending.current || !settled) return;
    pickPending.current = false;
    pick(results.hits[0]);
  }, [settled, results, pick]);

  const setQuery = useCallback((text: string) => {
    pickPending.current = false;
    setQueryText(text);
    setOpen(true);
  }, []);
  const move = (delta: number) => {
    setOpen(true);
    setActive((current) => moveActive(current, delta, results.hits.length));
  };
  const choose = () => {
    if (!query.trim()) return;
    if (settled) pick(results.hits[active]);
    else pickPending.current = true;
  };
  const clear = () => setQuery('');

  return {
    query, setQuery, hits: results.hits, error: results.error, active, setActive, move, choose, pick, clear,
    open: open && query.trim() !== '', close: () => setOpen(false), searching: query.trim() !== '' && !settled,
  };
}

export type SearchModel = ReturnType<typeof useSearch>;
