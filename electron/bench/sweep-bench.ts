/**
 * Meter sweep benchmarks (issue 5): the reading path — drivers, Bus, TCP link — against the meter simulator
 * behind loopback "transparent gateways" (raw RTU over TCP), each gateway one RS-485 line at 9600 8N1 with
 * Acrel DDSY1352 meters answering after a 20 ms turnaround. A read is the full prepaid poll block (FC03,
 * 0x0200 × 48 registers: 8 bytes out, 101 back).
 *
 *  - sweep_bus_efficiency: one bus of 32 meters; the time the line itself needs (wire time of request and
 *    reply at 10 bits a character + the meters' turnaround + the t3.5 silences, SimBus.exchangeTimeMs) ÷ the
 *    time the sweep took. `sweep_wire_only_efficiency` divides wire time alone, turnaround counted as loss.
 *  - sweep_parallel_scaling: meters read per second on 8 gateways ÷ on 1 (32 meters each).
 *  - sweep_1000_meters_s: 1,000 meters on 8 gateways (125 each), one full sweep, in seconds.
 */
import { readMeter } from '../hardware/meters/codecs/drivers';
import type { MeterTarget } from '../hardware/meters/codecs/drivers';
import { sweep } from '../hardware/meters/collect/sweep';
import { wireTimeMs } from '../hardware/meters/meter-port';
import type { LineSettings } from '../hardware/meters/meter-port';
import { buildBus } from '../hardware/meters/sim/build';
import { scaledClock } from '../hardware/meters/sim/clock';
import { startGateway } from '../hardware/meters/sim/tcp-gateway';
import type { SimGateway } from '../hardware/meters/sim/tcp-gateway';
import { BusRegistry } from '../hardware/meters/transport/bus-registry';
import { round2 } from './stats';

const LINE: LineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };
const REQUEST_BYTES = 8;
const REPLY_BYTES = 5 + 48 * 2;

async function gateways(count: number, metersEach: number): Promise<SimGateway[]> {
  const clock = scaledClock({ start: Date.parse('2026-11-27T00:00:00Z'), speed: 1 });
  return Promise.all(Array.from({ length: count }, (_, g) => startGateway({
    bus: buildBus({ protocol: 'modbus', meters: metersEach, model: 'DDSY1352', line: LINE, clock, seed: `bench-${g}`, turnaroundMs: 20 }),
    mode: 'raw', host: '127.0.0.1', port: 0,
  })));
}

/** One sweep over every meter of the gateways; answers its time and how many reads failed. */
async function timedSweep(gws: readonly SimGateway[], metersEach: number): Promise<{ ms: number; failed: number; meters: number }> {
  const registry = new BusRegistry(gws.map((gw, i) => ({ id: `gw${i}`, kind: 'tcp-raw' as const, host: gw.host, port: gw.port, line: LINE })));
  try {
    const targets = gws.flatMap((_, i) => Array.from({ length: metersEach }, (__, m) => ({
      busId: `gw${i}`, meter: { protocol: 'modbus', address: m + 1, model: 'DDSY1352' } satisfies MeterTarget,
    })));
    // Warm-up: connect every gateway first, so connection set-up is not counted as sweep time.
    await Promise.all(gws.map((_, i) => readMeter(registry.get(`gw${i}`).exchange, targets[i * metersEach]!.meter)));
    const result = await sweep(targets, { exchangeOf: (id) => registry.get(id).exchange, read: readMeter, now: () => new Date(), rereads: 0 });
    return { ms: result.ms, failed: result.results.filter((r) => !r.ok).length, meters: targets.length };
  } finally {
    await registry.closeAll();
  }
}

async function withGateways<T>(count: number, metersEach: number, work: (gws: SimGateway[]) => Promise<T>): Promise<T> {
  const gws = await gateways(count, metersEach);
  try {
    return await work(gws);
  } finally {
    await Promise.all(gws.map((gw) => gw.close()));
  }
}

export async function benchSweeps(log: (line: string) => void = () => undefined): Promise<Record<string, number>> {
  const one = await withGateways(1, 32, async (gws) => {
    const limitMs = 32 * gws[0]!.bus.exchangeTimeMs(REQUEST_BYTES, REPLY_BYTES);
    const run = await timedSweep(gws, 32);
    return { ...run, limitMs };
  });
  log(`1 bus × 32 meters: ${round2(one.ms)} ms (line limit ${round2(one.limitMs)} ms), ${one.failed} failed`);
  const eight = await withGateways(8, 32, (gws) => timedSweep(gws, 32));
  log(`8 buses × 32 meters: ${round2(eight.ms)} ms, ${eight.failed} failed`);
  const thousand = await withGateways(8, 125, (gws) => timedSweep(gws, 125));
  log(`8 buses × 125 meters: ${round2(thousand.ms / 1000)} s, ${thousand.failed} failed`);
  return {
    sweep_bus_efficiency: round2(one.limitMs / one.ms),
    sweep_wire_only_efficiency: round2((32 * wireTimeMs(LINE, REQUEST_BYTES + REPLY_BYTES)) / one.ms),
    sweep_parallel_scaling: round2((eight.meters / eight.ms) / (one.meters / one.ms)),
    sweep_1000_meters_s: round2(thousand.ms / 1000),
    sweep_failed_reads: one.failed + eight.failed + thousand.failed,
  };
}
