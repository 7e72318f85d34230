/** Dates as the hall reads them: Beijing time, whatever the machine's zone. */
const TIME_ZONE = 'Asia/Shanghai';

function parts(iso: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

/** "2026-11-20" */
export function shortDate(iso: string): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-11-20 15:52" */
export function dateTime(iso: string): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
