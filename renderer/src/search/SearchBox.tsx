import { Input } from 'antd';
import SearchOutlined from '@ant-design/icons/SearchOutlined';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocus } from '../keys/focus';
import { ErrorText } from '../components/ErrorText';
import { listKeyAction } from './listNav';
import { SearchResults } from './SearchResults';
import type { SearchModel } from './useSearch';

export const RESULTS_ID = 'search-results';

/** The one search box of the counter (F2): meter no., card no., phone, name or room; results as you type. */
export function SearchBox({ search }: { search: SearchModel }) {
  const { t } = useTranslation();
  const { register } = useFocus();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const action = listKeyAction(event.key);
    if (!action || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if ('pick' in action) search.choose();
    else search.move(action.move);
  };
  const activeId = search.open && search.hits[search.active] ? `search-hit-${search.active}` : undefined;
  return (
    <div className="search">
      <Input
        ref={(input) => register('search')(input?.input ?? null)}
        data-testid="search-input"
        size="large"
        allowClear
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        prefix={<SearchOutlined />}
        suffix={<kbd className="key-hint">F2</kbd>}
        placeholder={t('search.placeholder')}
        value={search.query}
        onChange={(event) => search.setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={search.open}
        aria-controls={RESULTS_ID}
        aria-activedescendant={activeId}
      />
      <ErrorText testId="search-error" message={search.error} />
      {search.open && <SearchResults search={search} />}
    </div>
  );
}
