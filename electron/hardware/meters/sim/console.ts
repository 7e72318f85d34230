/**
 * Runtime control of a running simulator, one text command per line (the CLI reads them from stdin):
 *   fault ADDRESS:KIND[:P][:xN][:MSms] [@G]   set a fault (on every bus, or on bus/gateway G)
 *   clear [ADDRESS] [@G]                      clear faults
 *   faults                                    list the faults set
 *   state ADDRESS [@G]                        a meter's state as JSON
 *   card ADDRESS COUNT AMOUNT [@G]            insert a purchase card (electricity meters)
 *   stats                                     requests and replies per bus
 */
import { ElectricityMeter } from './electricity-meter';
import { parseFaultOption } from './faults';
import type { SimBus, SimMeterLike } from './sim-bus';
import { WaterMeter } from './water-meter';

export const CONSOLE_HELP = 'commands: fault ADDRESS:KIND[:P][:xN][:MSms] [@G] | clear [ADDRESS] [@G] | faults | state ADDRESS [@G] | card ADDRESS COUNT AMOUNT [@G] | stats';

type Buses = readonly SimBus<SimMeterLike, unknown>[];

function pick(buses: Buses, words: string[]): Buses {
  const last = words.at(-1);
  if (!last?.startsWith('@')) return buses;
  words.pop();
  const bus = buses[Number(last.slice(1)) - 1];
  if (!bus) throw new Error(`no bus ${last}`);
  return [bus];
}

function meterOf(buses: Buses, address: string | undefined): SimMeterLike {
  const meter = address === undefined ? undefined : buses.map((bus) => bus.meter(address)).find((m) => m !== undefined);
  if (!meter) throw new Error(`no meter at address ${address ?? '(none)'}`);
  return meter;
}

function state(meter: SimMeterLike): unknown {
  if (meter instanceof ElectricityMeter || meter instanceof WaterMeter) return meter.state();
  return {};
}

function card(meter: SimMeterLike, count: string | undefined, amount: string | undefined): string {
  if (!(meter instanceof ElectricityMeter)) throw new Error('cards go into electricity meters');
  if (!/^\d+$/.test(count ?? '') || !/^\d+$/.test(amount ?? '')) throw new Error('card ADDRESS COUNT AMOUNT (whole numbers; amount in fen)');
  return JSON.stringify(meter.insertCard({ purchaseCount: Number(count), amount: Number(amount) }));
}

/** Runs one console command; answers the text to print (errors as "error: …"). */
export function runConsoleCommand(all: Buses, line: string): string {
  const words = line.trim().split(/\s+/).filter(Boolean);
  try {
    const buses = pick(all, words);
    const [command, first, second, third] = words;
    switch (command) {
      case undefined: return '';
      case 'fault': {
        const { address, fault } = parseFaultOption(first ?? '');
        for (const bus of buses) bus.setFault(address, fault);
        return `fault set: ${address} ${fault.kind}`;
      }
      case 'clear':
        for (const bus of buses) bus.clearFault(first);
        return first ? `faults cleared on ${first}` : 'all faults cleared';
      case 'faults':
        return buses.map((bus, i) => `bus ${i + 1}: ${bus.faults.list().map((f) => `${f.address}:${f.fault.kind}`).join(', ') || 'none'}`).join('\n');
      case 'state': return JSON.stringify(state(meterOf(buses, first)));
      case 'card': return card(meterOf(buses, first), second, third);
      case 'stats': return buses.map((bus, i) => `bus ${i + 1}: ${bus.stats.requests} requests, ${bus.stats.replies} replies`).join('\n');
      default: return CONSOLE_HELP;
    }
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}
