import { describe, expect, it } from 'vitest';
import { isAccordError } from '../errors/errors.js';
import { fixture, sdoId } from './stix-fixtures.testkit.js';
import { stixValidationError, validationSummary } from './stix-errors.js';
import { createStixValidator } from './stix-validator.js';

const validator = createStixValidator();

describe('validation errors', () => {
  it('summarise a bundle in three languages and carry each error with its object index', () => {
    const bad = { ...fixture('tool'), modified: '2000-01-01T00:00:00.000Z', confidence: 500 };
    const result = validator.validateBundle({
      type: 'bundle',
      id: sdoId('bundle'),
      objects: [fixture('identity'), fixture('identity'), bad],
    });
    const error = stixValidationError(result, 'bundle');
    expect(isAccordError(error)).toBe(true);
    expect(error.code).toBe('validation-failed');
    expect(error.status).toBe(422);
    expect(error.description.key).toBe('stix.bundleInvalid');
    expect(error.description.text('en')).toBe('The bundle is invalid: 2 problems in 1 object(s)');
    expect(error.description.text('zh')).toBe('数据包无效：1 个对象中共有 2 个问题');
    expect(error.description.text('ru')).toContain('— 2');
    expect(error.details.map((d) => [d.index, d.path])).toEqual([
      [2, '/objects/2/confidence'],
      [2, '/objects/2/modified'],
    ]);
    expect(result.issues.some((i) => i.severity === 'warning')).toBe(true); // duplicate identity: not in details
  });

  it('summarise one object, optionally at an index', () => {
    const result = validator.validateObject({ ...fixture('tool'), name: undefined, id: 'tool--x' });
    expect(validationSummary(result, 'object').text('en')).toBe('The STIX object is invalid: 2 problems');
    expect(validationSummary(result, 'object', 4).text('zh')).toBe('第 4 个对象无效：2 个问题');
    expect(stixValidationError(result, 'object', 4).details.every((d) => d.index === 4)).toBe(true);
  });
});
