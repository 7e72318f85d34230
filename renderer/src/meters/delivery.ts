/** A remote recharge's journal state as a tag colour (the sale result and the open recharges list). */
import type { MeterWriteStateCode } from '../../../shared/contract/recharge-views';

export const DELIVERY_COLOR: Record<MeterWriteStateCode, string> = {
  pending: 'blue', sent: 'orange', verified: 'cyan', completed: 'green', failed: 'red', voided: 'default',
};
