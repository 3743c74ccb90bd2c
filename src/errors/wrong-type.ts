import { defineMessages, type Message } from '../i18n/messages.js';
import { AccordError } from './errors.js';

const jsonTypeMessage = defineMessages(
  'json-type',
  {
    wrongType: '"{field}" must be {expected}, not {found}',
    anArray: 'an array',
    anObject: 'an object',
    aString: 'a string',
    aNumber: 'a number',
    aBoolean: 'a boolean',
    isNull: 'null',
  },
  {
    wrongType: '"{field}" 必须是{expected}，而不是{found}',
    anArray: '数组',
    anObject: '对象',
    aString: '字符串',
    aNumber: '数字',
    aBoolean: '布尔值',
    isNull: '空值（null）',
  },
  {
    wrongType: '"{field}" должно быть {expected}, а не {found}',
    anArray: 'массивом',
    anObject: 'объектом',
    aString: 'строкой',
    aNumber: 'числом',
    aBoolean: 'логическим значением',
    isNull: 'null',
  },
);

function jsonKind(value: unknown): Message {
  if (value === null) return jsonTypeMessage('isNull');
  if (Array.isArray(value)) return jsonTypeMessage('anArray');
  const byType: Partial<Record<string, Message>> = {
    string: jsonTypeMessage('aString'), number: jsonTypeMessage('aNumber'), boolean: jsonTypeMessage('aBoolean'), object: jsonTypeMessage('anObject'),
  };
  return byType[typeof value] ?? jsonTypeMessage('anObject');
}

/**
 * A member that is there but of the wrong JSON type: said as such, not as a missing or empty body.
 * Kept out of the HTTP layer because the streaming bundle reader (API and CLI import) says it too.
 */
export function wrongType(field: string, expected: 'anArray' | 'anObject', value: unknown): AccordError {
  const message = jsonTypeMessage('wrongType', { field, expected: jsonTypeMessage(expected), found: jsonKind(value) });
  return new AccordError('bad-request', message, { details: [{ path: `/${field}`, message }] });
}
