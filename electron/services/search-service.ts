import { searchBy } from '../db/repositories/customers-repository';
import type { SearchField } from '../db/repositories/customers-repository';
import type { ServiceDeps } from './deps';
import type { SearchHit } from '../../shared/contract/views';

/**
 * Which fields a typed query can match. Digits may be a meter, card, phone, customer or account number;
 * "3-2-501" is a room; anything with Han characters or letters is a name (or a lettered number).
 */
function fieldsFor(query: string): SearchField[] {
  if (/^\d+$/.test(query)) return ['meter', 'card', 'phone', 'customer', 'account', 'room'];
  if (/^[\d-]+$/.test(query)) return ['room', 'phone', 'meter'];
  return ['name', 'customer', 'account', 'meter', 'card', 'room'];
}

export function createSearchService(deps: ServiceDeps) {
  return {
    /** Results as you type: indexed prefix matches on every field the query could be, merged by account. */
    async search(query: string, limit = 20): Promise<SearchHit[]> {
      const hits: SearchHit[] = [];
      const seen = new Set<number>();
      for (const field of fieldsFor(query.trim())) {
        if (hits.length >= limit) break;
        for (const row of await searchBy(deps.db, field, query.trim(), limit)) {
          if (seen.has(Number(row.accountId)) || hits.length >= limit) continue;
          seen.add(Number(row.accountId));
          hits.push({
            customerId: Number(row.customerId), customerNo: row.customerNo, name: row.name, phone: row.phone,
            accountId: Number(row.accountId), accountNo: row.accountNo, accountStatus: row.accountStatus as 'open' | 'closed',
            roomKey: row.roomKey, area: row.area, matched: field, meterNo: row.meterNo,
          });
        }
      }
      return hits;
    },
  };
}
