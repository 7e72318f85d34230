/**
 * The CLI's progress bar for long reports and exports, on stderr so stdout stays the report (or the file
 * path) a script reads. On a terminal the bar redraws in place; otherwise a line per 10 % step, so a log
 * file gets a few lines and not thousands.
 */
export interface ProgressSink { write(text: string): boolean; isTTY?: boolean }

const WIDTH = 30;

export function progressBar(label: string, sink: ProgressSink = process.stderr): { update(done: number, total: number): void; end(): void } {
  let lastStep = -1;
  let drawn = false;
  return {
    update(done, total) {
      const ratio = total <= 0 ? 1 : Math.min(1, done / total);
      const percent = Math.floor(ratio * 100);
      if (sink.isTTY) {
        const filled = Math.round(ratio * WIDTH);
        sink.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`);
        drawn = true;
        return;
      }
      const step = Math.floor(percent / 10);
      if (step === lastStep) return;
      lastStep = step;
      sink.write(`${label} ${percent}% (${done}/${total})\n`);
    },
    end() {
      if (drawn) sink.write('\n');
    },
  };
}
