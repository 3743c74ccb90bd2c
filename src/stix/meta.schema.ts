import {
  dictionary,
  extensionTypes,
  identifier,
  listOf,
  oneOfValues,
  str,
  timestamp,
  type JsonSchema,
} from './common.schema.js';
import { ref, type TypeSpec } from './type-spec.js';
import { issueMessage } from './stix-issue.messages.js';

/** marking-definition, extension-definition and language-content. */
export const metaSpecs: readonly TypeSpec[] = [
  {
    type: 'marking-definition',
    category: 'meta',
    properties: { name: str, definition_type: str, definition: { type: 'object' } },
  },
  {
    type: 'extension-definition',
    category: 'meta',
    properties: {
      name: str,
      description: str,
      schema: str,
      version: str,
      extension_types: listOf(oneOfValues(...extensionTypes)),
      extension_properties: listOf(str),
    },
    required: ['created_by_ref', 'name', 'schema', 'version', 'extension_types'],
    combinations: [
      {
        check: (obj) => {
          if (obj.extension_properties === undefined) return undefined;
          const types = obj.extension_types;
          if (Array.isArray(types) && types.includes('toplevel-property-extension')) return undefined;
          return {
            path: '/extension_properties',
            message: issueMessage('toplevelOnly'),
          };
        },
      },
    ],
  },
  {
    type: 'language-content',
    category: 'meta',
    properties: {
      object_ref: identifier,
      object_modified: timestamp,
      // Keys are language tags (checked in code); values map property names to translations.
      contents: dictionary({ type: 'object', minProperties: 1 }),
    },
    required: ['object_ref', 'contents'],
    refs: [
      ref('object_ref', {
        categories: ['sdo', 'sro', 'sco', 'meta', 'custom'],
        except: ['bundle', 'language-content'],
        label: issueMessage('targetContentSubject'),
      }),
    ],
  },
];

/** The bundle envelope; its objects are validated one by one against their own types. */
export const bundleSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'id'],
  properties: {
    type: { const: 'bundle' },
    id: identifier,
    // Items are reported one by one by the object validator, not here (no duplicate issues).
    objects: { type: 'array', minItems: 1 },
  },
};
