/** SMS-SUBMIT PDU encoding against known-good fixtures (electron/hardware/sms/pdu.ts). */
import { describe, expect, it } from 'vitest';

/** The hex of the TPDU octet `name` names: UDL sits after SMSC, first octet, MR, the address, PID, DCS and VP. */
function udlOf(pdu: string): number {
  const addressOctets = 2 + Math.ceil(parseInt(pdu.slice(6, 8), 16) / 2);
  const at = 3 + addressOctets + 3;
  return parseInt(pdu.slice(at * 2, at * 2 + 2), 16);
}
const udOf = (pdu: string): string => pdu.slice((3 + 2 + Math.ceil(parseInt(pdu.slice(6, 8), 16) / 2) + 4) * 2);
import { alphabetOf, decodeStatusReport, encodeAddress, encodeMessage, packSeptets, splitText, submitPdu } from '../../electron/hardware/sms/pdu';

describe('GSM 7-bit', () => {
  it('packs "hellohello" as the widely published example (dreamfabric.com/sms, "SMS PDU mode")', () => {
    // The classic example: "hellohello" → E8329BFD4697D9EC37.
    expect(packSeptets([...'hellohello'].map((ch) => ch.charCodeAt(0))).toString('hex').toUpperCase()).toBe('E8329BFD4697D9EC37');
  });
  it('encodes the whole SMS-SUBMIT of that example (to +46708251358, VP AA)', () => {
    // Published PDU: 0011000B916407281553F80000AA0AE8329BFD4697D9EC37 (SMSC "00", AT+CMGS=23).
    expect(submitPdu('+46708251358', 'hellohello', 'gsm7', null)).toEqual({ pdu: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37', tpduLength: 23 });
  });
});

describe('UCS-2', () => {
  it('chooses UCS-2 for Chinese', () => {
    expect(alphabetOf('你好')).toBe('ucs2');
    expect(alphabetOf('Pay 20.00 now!')).toBe('gsm7');
  });
  it('encodes "你好" field by field per 3GPP TS 23.040 §9.2.2.2 (DCS 08, UDL in octets)', () => {
    // 11 SUBMIT+VPF relative, 00 MR, 0D 91 683108001305F0 (+8613800031500), 00 PID, 08 DCS UCS-2, AA VP, 04 UDL, 4F60 597D.
    expect(submitPdu('+8613800031500', '你好', 'ucs2', null).pdu).toBe('0011000D91683108001305F00008AA044F60597D');
  });
  it('a national number has type 81', () => {
    expect(encodeAddress('13800138000')).toBe('0B813108108300F0');
  });
});

describe('concatenation', () => {
  it('splits a long Chinese message into 67-character parts with one 8-bit reference', () => {
    const text = '尊敬的客户'.repeat(30); // 150 characters: 67 + 67 + 16
    expect(splitText(text, 'ucs2').map((p) => p.length)).toEqual([67, 67, 16]);
    const parts = encodeMessage('+8613800031500', text, 0x2a);
    expect(parts).toHaveLength(3);
    parts.forEach((part, i) => {
      // First octet 51: UDHI set; UDH 05 00 03 <ref> <total> <seq>.
      expect(part.pdu.slice(2, 4)).toBe('51');
      expect(part.pdu).toContain(`0500032A030${i + 1}`);
    });
    // UDL of a full part: 6 octets of header + 67 × 2.
    expect(udlOf(parts[0]!.pdu)).toBe(6 + 134);
    expect(udlOf(parts[2]!.pdu)).toBe(6 + 32);
    expect(parts[0]!.tpduLength).toBe(parts[0]!.pdu.length / 2 - 1);
  });
  it('a single part of 70 Chinese characters has no header', () => {
    const [one] = encodeMessage('13800138000', '费'.repeat(70), 1);
    expect(one!.pdu.slice(2, 4)).toBe('11');
  });
  it('7-bit parts of 153 septets, the text after the header aligned with one fill bit', () => {
    const parts = encodeMessage('13800138000', 'a'.repeat(200), 7);
    expect(parts).toHaveLength(2);
    // UDL counts septets: 7 for the header (48 bits + 1 fill) + 153.
    expect(udlOf(parts[0]!.pdu)).toBe(160);
    // After the 6-octet header, 'a' (0x61) shifted left by the one fill bit: C2 ...
    expect(udOf(parts[0]!.pdu).slice(0, 14)).toBe('05000307020' + '1C2');
  });
});

it('decodes a status report (+CDS) to its reference and delivered status', () => {
  const ts = '62112740000000';
  expect(decodeStatusReport(`00062A0D91683108000000F0${ts}${ts}00`)).toEqual({ reference: 42, delivered: true, status: 0 });
  expect(decodeStatusReport(`00062A0D91683108000000F0${ts}${ts}45`).delivered).toBe(false);
});
