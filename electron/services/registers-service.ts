/** Printable registers: the voucher register and the list of cash still to be banked, as PDFs in the caller's language. */
import { businessDate } from '../domain/time/business-time';
import { getSetting } from '../db/repositories/settings-repository';
import { findUser } from '../db/repositories/users-repository';
import { renderPendingDeposits } from '../registers/pending-deposits';
import { renderVoucherRegister } from '../registers/voucher-register';
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import { pendingDeposits } from './deposits-service';
import { HALL_NAME_SETTING } from './slips-service';
import { findVouchers } from './vouchers-service';
import { found } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { DocumentView } from '../../shared/contract/money-views';

function documentView(fileName: string, pdf: Buffer): DocumentView {
  return { fileName, pdfBase64: pdf.toString('base64'), bytes: pdf.length };
}

/** The filter as the register's heading states it ("state=used_up, from=2026-10-01"). */
function filterText(filter: ContractInput<'vouchers.registerPdf'>): string {
  return Object.entries(filter).filter(([key]) => key !== 'limit').map(([key, value]) => `${key}=${String(value)}`).join(', ');
}

export function createRegistersService(deps: ServiceDeps) {
  const translator = translatorCache();
  const slipsT = (language: Language) => translator(language).getFixedT(language, 'slips');
  const header = async (actor: Actor) => ({
    hallName: (await getSetting(deps.db, HALL_NAME_SETTING)) ?? null,
    printedAt: deps.clock.now().toISOString(),
    printedBy: found(await findUser(deps.db, actor.userId), 'user').display_name,
  });

  return {
    async vouchers(actor: Actor, filter: ContractInput<'vouchers.registerPdf'>, language: Language): Promise<DocumentView> {
      const vouchers = await findVouchers(deps.db, { ...filter, limit: filter.limit ?? 500 });
      const pdf = await renderVoucherRegister({ vouchers, ...(await header(actor)), filterText: filterText(filter) }, slipsT(language));
      return documentView(`vouchers-${businessDate(deps.clock.now())}.pdf`, pdf);
    },
    async pendingDeposits(actor: Actor, language: Language): Promise<DocumentView> {
      const view = await pendingDeposits(deps.db, businessDate(deps.clock.now()));
      const pdf = await renderPendingDeposits({ view, ...(await header(actor)) }, slipsT(language));
      return documentView(`pending-deposits-${view.today}.pdf`, pdf);
    },
  };
}
