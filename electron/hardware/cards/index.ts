/**
 * The card hardware layer (issue 6): what services import. The port and its errors (card-port.ts), the
 * drivers (PC/SC; the in-memory and file simulators), the layout profiles and their codec, the key store
 * interface. Test and demo tools (vpcd virtual card, private pcscd) are imported from vpcd/ directly.
 */
export { CardError, chooseReader, DEFAULT_CARD_TIMEOUTS, isCardError, openForWriting, withCardSession } from './card-port';
export type {
  CardErrorCode, CardEvent, CardReaderPort, CardSession, CardTimeouts, OpenSessionOptions, PresentPscOptions, PscResult,
} from './card-port';
export { ApduCardSession, withTimeout } from './apdu-session';
export type { ApduChannel } from './apdu-session';
export { PcscCardPort, mapPcscError } from './pcsc/pcsc-port';
export type { PcscPortOptions } from './pcsc/pcsc-port';
export { SimulatedCardReaders, simCard } from './sim/sim-readers';
export type { SimCard, SimulatedReadersOptions } from './sim/sim-readers';
export { FileCardReaders, createBlankCardFile, readCardFile, writeCardFile, CARD_FILE_SUFFIX } from './sim/file-cards';
export { CARD_FAULT_KINDS, parseCardFault } from './sim/faults';
export type { CardFault } from './sim/faults';
export { CardLayoutError, computeMac, decodeCard, encodeCard, encodeWriteBack, findProfile, macValid } from './layout/codec';
export type { CardContent, CardPurchase, CardType, DecodedCard, WriteBack } from './layout/codec';
export { counterSpan, validateCardProfile } from './layout/profile';
export type { CardProfile, LayoutField } from './layout/profile';
export { BUILT_IN_PROFILES, HALLDESK_V1 } from './layout/profiles';
export { KeyStoreError, MemoryKeyStore, checkSecrets, macKeyFromEnvironment, secretFromHex } from './key-store';
export type { CardKeyStore, CardSecrets } from './key-store';
export { PROTECTED_AREA_END, PSC_LENGTH, SLE4442_SIZE } from './sle4442';
