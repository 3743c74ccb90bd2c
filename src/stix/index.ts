/** Accord's STIX 2.1 layer: validation, categories, versions, TLP and search text. */
export {
  createStixValidator,
  type PatternChecker,
  type StixValidator,
  type StixValidatorOptions,
} from './stix-validator.js';
export {
  stixRules,
  type StixIssue,
  type StixObject,
  type StixRule,
  type StixValidationResult,
} from './stix-issue.js';
export { stixCategory, type StixCategory } from './stix-category.js';
export { objectVersion } from './object-version.js';
export { displayText, type DisplayText } from './display-text.js';
export * from './tlp.js';
export { stixMessage } from './stix.messages.js';
export { issueObjectIndex, stixValidationError, validationSummary } from './stix-errors.js';
export { isIdentifier, identifierType } from './stix-identifier.js';
export { isStixTimestamp, compareStixTimestamps } from './stix-timestamp.js';
