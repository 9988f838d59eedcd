import { z } from 'zod';
import { returns } from './define';
import type { AuditEntry } from '../domain/audit';

export const auditContract = {
  'audit.forRecord': returns<AuditEntry[]>()(
    z.object({ entity: z.enum(['person', 'unit']), entityId: z.number().int().positive() }),
  ),
};
