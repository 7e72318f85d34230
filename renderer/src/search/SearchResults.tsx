import { Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/contract/views';
import type { SearchModel } from './useSearch';

function HitRow({ hit, index, active, onPick, onHover }: {
  hit: SearchHit; index: number; active: boolean; onPick: () => void; onHover: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li
      id={`search-hit-${index}`}
      role="option"
      aria-selected={active}
      className={active ? 'hit hit-active' : 'hit'}
      data-testid="search-result"
      data-account-id={hit.accountId}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
      onMouseEnter={onHover}
    >
      <span className="hit-name">{hit.name}</span>
      <span className="hit-room">{hit.area} {hit.roomKey}</span>
      <span className="hit-phone">{hit.phone ?? ''}</span>
      <span className="hit-no">{hit.accountNo}</span>
      <span className="hit-match">
        <Tag>{t(`search.matched.${hit.matched}`)}</Tag>
        {hit.meterNo && <span className="mono">{hit.meterNo}</span>}
        {hit.accountStatus === 'closed' && <Tag color="red">{t('customer.closed')}</Tag>}
      </span>
    </li>
  );
}

/** The result list under the search box; the active row follows ↑/↓ and stays in view. */
export function SearchResults({ search }: { search: SearchModel }) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [search.active]);
  if (search.searching && search.hits.length === 0) return <div className="hits-note">{t('search.searching')}</div>;
  if (search.hits.length === 0) return <div className="hits-note" data-testid="search-empty">{t('search.empty')}</div>;
  return (
    <ul id="search-results" ref={list} role="listbox" className="hits" data-testid="search-results" aria-label={t('search.results')}>
      {search.hits.map((hit, index) => (
        <HitRow key={hit.accountId} hit={hit} index={index} active={index === search.active}
          onPick={() => search.pick(hit)} onHover={() => search.setActive(index)} />
      ))}
    </ul>
  );
}
