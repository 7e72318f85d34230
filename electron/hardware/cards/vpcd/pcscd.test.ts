import { describe, expect, it } from 'vitest';
import { pcscStackProblems, readerConf } from './pcscd';

describe('private pcscd for the real-stack tests', () => {
  it('writes a vpcd reader configuration where vpcd listens and the card connects', () => {
    expect(readerConf('ACS ACR38U', 35963)).toBe(
      'FRIENDLYNAME "ACS ACR38U"\nDEVICENAME   /dev/null:0x8C7B\nLIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID    0x8C7B\n',
    );
  });

  it('names what is missing, with the packages to install', () => {
    expect(pcscStackProblems('/nonexistent/pcscd').join('\n')).toMatch(/pcscd is not installed \(apt-get install --no-install-recommends pcscd vsmartcard-vpcd libpcsclite-dev\)/);
  });
});
