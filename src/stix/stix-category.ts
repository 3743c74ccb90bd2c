import { specType } from './type-registry.js';
import type { StixCategory } from './type-spec.js';

export type { StixCategory } from './type-spec.js';

/**
 * The category of a STIX type: 'sdo', 'sro', 'sco', 'meta' (marking-definition,
 * extension-definition, language-content, bundle) or 'custom' for any type the spec does not define.
 */
export function stixCategory(type: string): StixCategory {
  if (type === 'bundle') return 'meta';
  return specType(type)?.category ?? 'custom';
}
