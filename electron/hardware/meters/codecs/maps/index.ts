/** Looks up a register map by model and firmware: an exact firmware match first, then the model's '*' map. */
import type { RegisterMap } from '../register-map';
import { ACREL_MAPS } from './acrel';

export { ACREL_MAPS, ADF300L, DDSY1352, DTSY1352 } from './acrel';

export function findRegisterMap(model: string, firmware?: string, maps: readonly RegisterMap[] = ACREL_MAPS): RegisterMap | null {
  const sameModel = maps.filter((map) => map.model.toUpperCase() === model.trim().toUpperCase());
  return sameModel.find((map) => firmware !== undefined && map.firmware === firmware)
    ?? sameModel.find((map) => map.firmware === '*') ?? null;
}
