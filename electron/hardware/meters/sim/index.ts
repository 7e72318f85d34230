/**
 * The meter simulator (issue 5 item 3): meters with state on an injected clock, protocol responders for
 * Modbus-RTU (Acrel DDSY1352/DTSY1352), DL/T 645-2007 and CJ/T 188-2004, a SimBus that enforces the wire time
 * of its baud rate (half duplex, one exchange at a time), named faults, and the ways to serve a bus: a socat
 * PTY pair, a serial path, a loopback TCP gateway (transparent raw frames, or Modbus TCP / MBAP).
 */
export { ManualClock, scaledClock } from './clock';
export type { SimClock } from './clock';
export { ElectricityMeter, TARIFFS, tariffAt } from './electricity-meter';
export type { ElectricityMeterOptions, ElectricityModel, ElectricityState, ForcedControl, Tariff } from './electricity-meter';
export { WaterMeter } from './water-meter';
export type { ValveState, WaterMeterOptions, WaterState } from './water-meter';
export { REMAINING_LIMIT, judgePurchase } from './purchase';
export type { PurchaseOutcome, PurchaseResult } from './purchase';
export { dailyShape, loadProfile } from './load-profile';
export { FAULT_KINDS, FaultTable, isFaultKind, parseFaultOption } from './faults';
export type { FaultKind, FaultSpec } from './faults';
export { SimBus } from './sim-bus';
export type { BusStats, Emit, SimBusOptions, SimMeterLike } from './sim-bus';
export { attachStream } from './stream';
export type { BusStream } from './stream';
export { addressFor, buildBus } from './build';
export type { BusSpec } from './build';
export { assertLoopback, mbapFrame, startGateway } from './tcp-gateway';
export type { GatewayMode, GatewayOptions, SimGateway } from './tcp-gateway';
export { SOCAT_MISSING, createPtyPair, serialOptions, servePty, serveSerial } from './pty';
export type { PtyBus, PtyPair, SerialServer } from './pty';
export { startSimulator } from './serve';
export type { RunningSimulator, SimulatorOptions } from './serve';
export { CONSOLE_HELP, runConsoleCommand } from './console';
export { modbusResponder } from './responders/modbus';
export { dlt645Responder } from './responders/dlt645';
export { cjt188Responder } from './responders/cjt188';
export { FORCED_CONTROL_REGISTER, MODBUS_BLOCKS, PARAM_BLOCK, POLL_BLOCK, registerImage } from './responders/modbus-image';
export type { AnswerMode, ParsedRequest, Responder } from './responders/types';
