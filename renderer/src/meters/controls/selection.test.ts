import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, addPicked, buildSelection } from './selection';

const m = (meterId: number) => ({ meterId, meterNo: `M${meterId}`, label: '' });

describe('the selection', () => {
  it('picked meters by id, in the order picked, each once', () => {
    const picked = addPicked(addPicked([], [m(3), m(1)]), [m(1), m(2)]);
    expect(buildSelection({ ...EMPTY_SELECTION, picked })).toEqual({ ok: true, selection: { by: 'meters', meterIds: [3, 1, 2] } });
    expect(buildSelection(EMPTY_SELECTION)).toEqual({ ok: false, problem: 'meters' });
  });
  it('an area, or a building of an area, trimmed', () => {
    expect(buildSelection({ ...EMPTY_SELECTION, by: 'area', area: ' 东区 ' })).toEqual({ ok: true, selection: { by: 'area', area: '东区' } });
    expect(buildSelection({ ...EMPTY_SELECTION, by: 'building', area: '东区', building: '3' })).toEqual({ ok: true, selection: { by: 'building', area: '东区', building: '3' } });
    expect(buildSelection({ ...EMPTY_SELECTION, by: 'building', area: '东区', building: ' ' })).toEqual({ ok: false, problem: 'building' });
    expect(buildSelection({ ...EMPTY_SELECTION, by: 'area' })).toEqual({ ok: false, problem: 'area' });
  });
});
