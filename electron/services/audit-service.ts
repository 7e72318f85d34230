import { listAudit } from '../db/repositories/audit-repository';
import type { ServiceDeps } from './deps';
import type { AuditEntryView } from '../../shared/contract/views';

export function createAuditService(deps: ServiceDeps) {
  return {
    async list(filter: { entity?: string; entityId?: string; limit?: number }): Promise<AuditEntryView[]> {
      const rows = await listAudit(deps.db, { ...filter, limit: filter.limit ?? 100 });
      return rows.map((r) => ({
        id: Number(r.id), at: r.at, userId: r.user_id === null ? null : Number(r.user_id), action: r.action, entity: r.entity,
        entityId: r.entity_id, before: r.before_json === null ? null : JSON.parse(r.before_json) as unknown,
        after: r.after_json === null ? null : JSON.parse(r.after_json) as unknown,
      }));
    },
  };
}
