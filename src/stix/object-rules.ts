import { checkIndicatorPattern, checkLanguageContent } from './content-rules.js';
import { checkIdentifier, checkSpecVersion } from './identity-rules.js';
import { checkGranularMarkings, checkMarkingDefinition } from './marking-rules.js';
import {
  checkCombinations,
  checkCustomProperties,
  checkDeprecated,
  checkExtensionKeys,
  checkExternalReferences,
} from './property-rules.js';
import { checkReferences } from './reference-rules.js';
import { checkTimeOrder, checkVersionTimes } from './time-rules.js';
import type { ObjectRule } from './rule-context.js';

/** The semantic rules run on every object after its schema, in reporting order. */
export const objectRules: readonly ObjectRule[] = [
  checkIdentifier,
  checkSpecVersion,
  checkVersionTimes,
  checkTimeOrder,
  checkReferences,
  checkCustomProperties,
  checkDeprecated,
  checkCombinations,
  checkExtensionKeys,
  checkExternalReferences,
  checkMarkingDefinition,
  checkGranularMarkings,
  checkLanguageContent,
  checkIndicatorPattern,
];
