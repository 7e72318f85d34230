import { Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export interface SearchFieldProps {
  readonly testId: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  readonly onSearch: () => void;
  readonly placeholder?: string;
  readonly autoFocus?: boolean;
}

/** A text field that searches on Enter (or its button); the test id is on the input itself. */
export function SearchField({ testId, value, onChange, onSearch, placeholder, autoFocus }: SearchFieldProps) {
  const { t } = useTranslation();
  return (
    <Space.Compact className="search-field">
      <Input data-testid={testId} value={value} placeholder={placeholder} autoFocus={autoFocus} autoComplete="off"
        onChange={(e) => onChange(e.target.value)} onPressEnter={onSearch} />
      <Button type="primary" data-testid={`${testId}-go`} onClick={onSearch}>{t('payment.find')}</Button>
    </Space.Compact>
  );
}
