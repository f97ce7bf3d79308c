// The collection spec: which collections exist and their indexes. One file serves the emulator
// and the production deploy (see docs/ARCHITECTURE.md, "Collections and indexes").
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CollectionSpec } from './store/engine.js';

const indexSchema = z.object({
  name: z.string().min(1),
  keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1)])).refine((k) => Object.keys(k).length > 0, 'an index needs keys'),
  unique: z.boolean().optional(),
  sparse: z.boolean().optional(),
});

export const specSchema = z.object({
  collections: z.array(
    z.object({
      name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
      description: z.string().optional(),
      indexes: z.array(indexSchema).default([]),
    }),
  ),
});

export type Spec = z.infer<typeof specSchema>;

export function loadSpec(file: string): CollectionSpec[] {
  const parsed = specSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`invalid collection spec ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.collections;
}
