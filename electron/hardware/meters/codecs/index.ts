/** Public surface of the meter codecs (pure: no I/O). See each module for the standard clauses. */
export * from './crc16';
export * from './modbus-rtu';
export * from './modbus-slave';
export * from './register-map';
export * from './maps';
export * from './dlt645';
export * from './dlt645-slave';
export * from './cjt188';
export * from './drivers';
export { sum8, bcdToNumber, numberToBcd, addressToBytes, bytesToAddress } from './bcd';
