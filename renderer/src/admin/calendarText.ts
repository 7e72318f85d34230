/** The admin's import text: one day a line, "YYYY-MM-DD off|work name" (休/班 also accepted). */
import type { CalendarDayView } from '../../../shared/contract/views';

export type ParsedDays = { readonly ok: true; readonly days: CalendarDayView[] } | { readonly ok: false; readonly line: number };

const KIND: Record<string, 'off' | 'work'> = { off: 'off', work: 'work', '休': 'off', '班': 'work' };

export function parseCalendarText(text: string): ParsedDays {
  const days: CalendarDayView[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const match = /^(\d{4}-\d{2}-\d{2})[\s,]+(\S+)[\s,]+(.{1,20})$/.exec(line);
    const kind = match ? KIND[match[2]!] : undefined;
    if (!match || !kind) return { ok: false, line: i + 1 };
    days.push({ date: match[1]!, kind, name: match[3]!.trim() });
  }
  return days.length > 0 ? { ok: true, days } : { ok: false, line: 1 };
}

export function calendarText(days: readonly CalendarDayView[]): string {
  return days.map((d) => `${d.date} ${d.kind} ${d.name}`).join('\n');
}
