import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoucherView } from '../../../shared/contract/money-views';
import type { ApiClient } from '../api/client';
import { EMPTY_FORM, readVoucherImage, toRegisterInput } from './voucherForm';
import type { VoucherField, VoucherFormText, VoucherImage } from './voucherForm';

/** The register form's state: the typed fields, the account it is for (by account number), the scan. */
export function useVoucherRegister(client: ApiClient, onRegistered: (voucher: VoucherView) => void) {
  const { t } = useTranslation();
  const [form, setForm] = useState<VoucherFormText>(EMPTY_FORM);
  const [accountNo, setAccountNo] = useState('');
  const [account, setAccount] = useState<{ id: number; label: string } | null>(null);
  const [image, setImage] = useState<VoucherImage | null>(null);
  const [problems, setProblems] = useState<readonly VoucherField[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const findAccount = async () => {
    const query = accountNo.trim();
    if (!query) return setAccount(null);
    const found = await client.call('customers.search', { query, limit: 10 });
    const hit = found.ok ? found.value.find((h) => h.accountNo === query) ?? found.value[0] : undefined;
    setAccount(hit ? { id: hit.accountId, label: `${hit.name} · ${hit.accountNo}` } : null);
    setError(hit ? null : t('vouchers.accountNotFound'));
  };
  const pickFile = async (file: File | undefined) => {
    if (!file) return setImage(null);
    const read = await readVoucherImage(file);
    if (typeof read === 'string') return setError(t(`vouchers.image.${read}`));
    setError(null);
    setImage(read);
  };
  const submit = async () => {
    const result = toRegisterInput(form, account?.id ?? null, image);
    setProblems(result.ok ? [] : result.problems);
    if (!result.ok) return setError(t('vouchers.fixFields'));
    setBusy(true);
    const made = await client.call('vouchers.register', result.input);
    setBusy(false);
    if (!made.ok) return setError(made.error.message);
    setError(null);
    setForm({ ...EMPTY_FORM, bank: form.bank, valueDate: form.valueDate });
    setImage(null);
    onRegistered(made.value);
  };
  const set = (field: VoucherField, value: string) => setForm((f) => ({ ...f, [field]: value }));
  return { form, set, accountNo, setAccountNo, account, findAccount, image, pickFile, problems, error, busy, submit };
}

export type VoucherRegisterModel = ReturnType<typeof useVoucherRegister>;
