import { compareStixTimestamps, hasMillisecondPrecision, isStixTimestamp } from './stix-timestamp.js';
import type { ObjectRule } from './rule-context.js';
import { issueMessage } from './stix-issue.messages.js';

const validTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && isStixTimestamp(value);

/** created/modified of versioned objects: millisecond precision, and modified not before created. */
export const checkVersionTimes: ObjectRule = (obj, type, sink) => {
  if (!type.versioned) return;
  const { created, modified } = obj;
  const createdOk = validTimestamp(created);
  const modifiedOk = validTimestamp(modified);
  if (createdOk && !hasMillisecondPrecision(created))
    sink.error('/created', 'timestamp-precision', issueMessage('millisecondPrecision', { property: 'created' }));
  if (modifiedOk && !hasMillisecondPrecision(modified))
    sink.error('/modified', 'timestamp-precision', issueMessage('millisecondPrecision', { property: 'modified' }));
  if (createdOk && modifiedOk && compareStixTimestamps(modified, created) < 0) {
    sink.error(
      '/modified',
      'modified-before-created',
      issueMessage('modifiedBeforeCreated', { modified, created }),
    );
  }
};

/** Type-specific time ranges: valid_until after valid_from, last_seen not before first_seen, … */
export const checkTimeOrder: ObjectRule = (obj, type, sink) => {
  for (const { earlier, later, strict } of type.spec.order ?? []) {
    const a = obj[earlier];
    const b = obj[later];
    if (!validTimestamp(a) || !validTimestamp(b)) continue;
    const cmp = compareStixTimestamps(b, a);
    if (cmp < 0 || (strict && cmp === 0)) {
      sink.error(
        `/${later}`,
        'time-order',
        issueMessage(strict ? 'laterThan' : 'atOrAfter', { later, earlier, value: a }),
      );
    }
  }
};
