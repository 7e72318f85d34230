import { Button, Tag } from 'antd';
import LogoutOutlined from '@ant-design/icons/LogoutOutlined';
import { useTranslation } from 'react-i18next';
import type { SessionView, ShiftView } from '../../../shared/contract/views';
import { dateTime } from '../components/dates';
import { DrawerStatus } from '../drawer/DrawerStatus';
import { BackupWarning } from '../backups/BackupWarning';
import type { DrawerModel } from '../drawer/useDrawer';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { yuan } from '../money/format';
import { PrintFailedBadge } from '../printing/PrintFailedBadge';

export interface TopBarProps {
  readonly session: SessionView;
  readonly shift: ShiftView | null;
  readonly onCloseShift: () => void;
  readonly onLogout: () => void;
  readonly drawer?: DrawerModel;
  /** Opens the print queue (the failed-prints badge). */
  readonly onOpenPrints?: () => void;
}

/** Who, which counter, which shift; shift close (F10), language, log out. */
export function TopBar({ session, shift, onCloseShift, onLogout, drawer, onOpenPrints }: TopBarProps) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="brand">{t('app.title')}</span>
      <Tag color="blue">{t('app.counter', { code: session.counterCode })}</Tag>
      <span className="who">{session.user.displayName} · {t(`role.${session.user.role}`)}</span>
      <span className="shift-status" data-testid="shift-status">
        {shift
          ? t('shift.status', { id: shift.id, at: dateTime(shift.openedAt), float: yuan(shift.float) })
          : <Tag color="orange">{t('shift.none')}</Tag>}
      </span>
      {drawer && shift && <DrawerStatus model={drawer} />}
      <BackupWarning role={session.user.role} />
      <PrintFailedBadge onOpen={onOpenPrints} />
      <span className="spacer" />
      {shift && (
        <Button data-testid="shift-close" onClick={onCloseShift}>{t('shift.close')} <kbd className="key-hint">F10</kbd></Button>
      )}
      <LanguageSwitch />
      <Button data-testid="logout" icon={<LogoutOutlined />} onClick={onLogout}>{t('app.logout')}</Button>
    </header>
  );
}
