/** Worklist settings (issue 7 item 5) and their defaults; stored as JSON under one settings key. */
import type { WorklistSettingsView } from '../../../shared/contract/worklist-views';

export type WorklistSettings = WorklistSettingsView;

export const DEFAULT_WORKLIST_SETTINGS: WorklistSettings = {
  lowBalanceDays: 7,
  averageWindowDays: 90,
  notRechargedDays: 60,
  recontactDays: 7,
  // A GSM modem sends about one message every 3–6 s; 10 a minute leaves room for delivery reports.
  smsPerMinute: 10,
  sms: { driver: 'none', target: '' },
  templates: {
    lowBalance: '【营业厅】{name}您好，您的户号{accountNo}余额不足，请及时充值。',
    arrears: '【营业厅】{name}您好，您的户号{accountNo}已欠费，请尽快到营业厅缴费。',
    notRecharged: '【营业厅】{name}您好，您的户号{accountNo}已较长时间未充值，请留意余额。',
  },
};

/** Stored settings over the defaults, so a key added later has its default. */
export function mergeWorklistSettings(stored: Partial<WorklistSettings> | null): WorklistSettings {
  const s = stored ?? {};
  return {
    ...DEFAULT_WORKLIST_SETTINGS, ...s,
    sms: { ...DEFAULT_WORKLIST_SETTINGS.sms, ...s.sms },
    templates: { ...DEFAULT_WORKLIST_SETTINGS.templates, ...s.templates },
  };
}

/** A template filled for one customer. */
export function fillTemplate(template: string, values: { name: string; accountNo: string }): string {
  return template.replaceAll('{name}', values.name).replaceAll('{accountNo}', values.accountNo);
}
