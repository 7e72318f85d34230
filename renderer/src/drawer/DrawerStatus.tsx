import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../money/format';
import type { DrawerModel } from './useDrawer';

/** In the top bar: cash in the drawer against its limit, overdue deposits, and the cash drop button. */
export function DrawerStatus({ model }: { model: DrawerModel }) {
  const { t } = useTranslation();
  const { drawer } = model;
  if (!drawer) return null;
  return (
    <span className="drawer-status" data-testid="drawer-status" data-limit-reached={drawer.limitReached}
      data-expected={drawer.expected} data-refunds={drawer.refunds} data-drops={drawer.drops}>
      <Tag color={drawer.limitReached ? 'red' : 'geekblue'} data-testid="drawer-expected">
        {t('drawer.expected', { expected: yuan(drawer.expected), limit: yuan(drawer.limit) })}
      </Tag>
      {drawer.overdueObligations > 0 && (
        <Tag color="red" data-testid="drawer-overdue">{t('drawer.overdue', { count: drawer.overdueObligations })}</Tag>
      )}
      <Button size="small" danger={drawer.limitReached} data-testid="cash-drop-open" onClick={model.openDrop}>{t('drawer.drop')}</Button>
    </span>
  );
}
