import { parse } from './args';
import type { OptionSpec, Parsed } from './args';

export interface Command {
  readonly summary: string;
  run(args: string[]): Promise<number>;
}

/** A command with its usage text and options; --help prints the usage and exits 0. */
export function defineCommand(spec: {
  summary: string;
  usage: string;
  options?: OptionSpec;
  run: (parsed: Parsed) => Promise<number>;
}): Command {
  return {
    summary: spec.summary,
    async run(args) {
      const parsed = parse(args, spec.options);
      if (parsed.help) {
        console.log(`${spec.summary}\n\nusage: ${spec.usage}\n  --data DIR   data folder (default: $HALLDESK_DATA or the app's data folder)`);
        return 0;
      }
      return spec.run(parsed);
    },
  };
}
