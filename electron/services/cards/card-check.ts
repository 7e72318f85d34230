/**
 * Before a journaled write touches a card: is it the card the write is for? A purchase goes only to the card
 * whose number it carries; an issue or a replacement only to a blank card. A card that already holds the
 * exact bytes needs no write (a retry after a write whose confirmation was lost).
 */
import { SLE4442_SIZE } from '../../hardware/cards';
import type { CardSession } from '../../hardware/cards';
import { findCard } from '../../db/repositories/cards-repository';
import type { CardWriteRow } from '../../db/repositories/cards-repository';
import type { Db } from '../../db/repositories/db';
import { DomainError } from '../../domain/errors';
import { found } from '../deps';
import type { CardCheck } from './card-journal';
import { cardHolds } from './card-journal';
import { classify } from './card-reading';

export function checkCardFor(db: Db, macKey: Uint8Array): CardCheck {
  return async (session: CardSession, write: CardWriteRow) => {
    const image = await session.read(0, SLE4442_SIZE);
    if (cardHolds(image, write)) return 'already-there';
    const { state, decoded } = classify(image, macKey);
    if (write.kind === 'issue' || write.kind === 'replacement') {
      if (state !== 'blank') throw new DomainError('card-not-blank');
      return 'write';
    }
    const card = found(await findCard(db, Number(write.card_id)), 'card');
    if (!decoded || String(decoded.cardNumber) !== card.card_no) throw new DomainError('card-wrong-card', { cardNo: card.card_no });
    return 'write';
  };
}
