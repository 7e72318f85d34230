import { Button, Select, Table, Tag } from 'antd';
import PrinterOutlined from '@ant-design/icons/PrinterOutlined';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientInput } from '../../../shared/contract/client';
import type { VoucherView } from '../../../shared/contract/money-views';
import { VOUCHER_STATES } from '../../../shared/vocabulary';
import type { VoucherState } from '../../../shared/vocabulary';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { SearchField } from '../components/SearchField';
import { DocumentPreview } from '../documents/DocumentPreview';
import { useDocument } from '../documents/useDocument';
import { yuan } from '../money/format';
import { useVoucherRegister } from './useVoucherRegister';
import { VoucherDetail } from './VoucherDetail';
import { VoucherForm } from './VoucherForm';

const STATE_COLOR: Record<VoucherState, string> = { registered: 'blue', partly_used: 'orange', used_up: 'default' };

function VoucherTable({ rows, onOpen }: { rows: readonly VoucherView[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Table<VoucherView> size="small" rowKey="id" pagination={{ pageSize: 15 }} dataSource={[...rows]} data-testid="voucher-table"
      onRow={(v) => ({ onClick: () => onOpen(v.id), 'data-testid': 'voucher-row', 'data-ref': v.referenceNo, 'data-state': v.state } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('vouchers.fields.valueDate'), dataIndex: 'valueDate' },
        { title: t('vouchers.fields.bank'), dataIndex: 'bank' },
        { title: t('vouchers.fields.referenceNo'), dataIndex: 'referenceNo', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('vouchers.fields.payer'), dataIndex: 'payer' },
        { title: t('vouchers.fields.account'), dataIndex: 'accountNo', render: (v: string | null) => v ?? t('vouchers.anyAccount') },
        { title: t('vouchers.fields.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
        { title: t('vouchers.remaining'), dataIndex: 'remaining', align: 'right', render: (v: number) => <span data-testid="voucher-remaining">{yuan(v)}</span> },
        { title: t('vouchers.state'), dataIndex: 'state', render: (s: VoucherState) => <Tag color={STATE_COLOR[s]} data-testid="voucher-state">{t(`vouchers.states.${s}`)}</Tag> },
      ]} />
  );
}

/** Bank-transfer vouchers (转账凭证): register, search the register, open one, print the register. */
export function VouchersPage({ today }: { today: string | null }) {
  const { t } = useTranslation();
  const client = useApi();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<VoucherState | undefined>(undefined);
  const [rows, setRows] = useState<readonly VoucherView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const doc = useDocument();
  const filter = { query: query.trim() || undefined, state, limit: 200 };
  const search = useCallback(async (f: ClientInput<'vouchers.search'>) => {
    const result = await client.call('vouchers.search', f);
    if (result.ok) setRows(result.value);
    setError(result.ok ? null : result.error.message);
  }, [client]);
  const register = useVoucherRegister(client, () => void search(filter));
  useEffect(() => {
    void search({ state, limit: 200 });
  }, [search, state]);
  return (
    <div className="page-body" data-testid="vouchers-page">
      <header className="page-head">
        <h2>{t('nav.vouchers')}</h2>
        {today && <span className="muted">{today}</span>}
        <Button icon={<PrinterOutlined />} data-testid="vouchers-print" loading={doc.busy} onClick={() => void doc.open(() => client.call('vouchers.registerPdf', filter))}>
          {t('vouchers.print')}
        </Button>
      </header>
      <VoucherForm model={register} />
      <div className="filters">
        <SearchField testId="voucher-search" placeholder={t('vouchers.searchHelp')} value={query} onChange={setQuery} onSearch={() => void search(filter)} />
        <Select<VoucherState | undefined> data-testid="voucher-state-filter" allowClear placeholder={t('vouchers.allStates')} value={state} onChange={setState}
          options={VOUCHER_STATES.map((s) => ({ value: s, label: t(`vouchers.states.${s}`) }))} style={{ minWidth: 140 }} />
      </div>
      <ErrorText testId="vouchers-error" message={error ?? doc.error} />
      <VoucherTable rows={rows} onOpen={setOpenId} />
      <VoucherDetail voucherId={openId} onClose={() => setOpenId(null)} />
      <DocumentPreview model={doc} />
    </div>
  );
}
