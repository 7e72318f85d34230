/**
 * The printed documents and the paper they go on (issue 7 item 1).
 *  - payment: the triplicate payment slip (客户联 / 存根联 / 记账联).
 *  - recharge: the duplicate recharge slip (客户联 / 存根联); a remote recharge shows its delivery state.
 *  - customerList: the duplicate customer list (清单联 / 存根联), rows given by the caller (worklists feed it).
 * Forms: plain A4, the 241 mm continuous form, and 80 mm thermal printed as ESC/POS.
 */
export { SLIP_KINDS, PRINT_FORMS } from '../../shared/contract/print-views';
export type { SlipKind, PrintForm } from '../../shared/contract/print-views';
import type { PrintForm } from '../../shared/contract/print-views';

/** What a rendered document is, so a driver knows whether it can take it. */
export type ContentType = 'application/pdf' | 'application/vnd.escpos';

export function contentTypeOf(form: PrintForm): ContentType {
  return form === 'thermal80' ? 'application/vnd.escpos' : 'application/pdf';
}
