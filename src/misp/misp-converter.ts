import type { Clock } from '../clock/clock.js';
import { AccordError } from '../errors/errors.js';
import type { ImportConverter } from '../ingest/import-source.js';
import { ingestMessage } from '../ingest/ingest.messages.js';
import { isMispEvent } from './misp-detect.js';
import { mispToStix } from './misp-import.js';

const MISP_START = /^\s*\{\s*"(Event|response)"\s*:/;
const BARE_EVENT = /"Attribute"\s*:\s*\[/;
const STIX_BUNDLE = /"type"\s*:\s*"bundle"/;

/** MISP event JSON as an import format: recognised by content, converted to STIX 2.1. */
export function mispConverter(clock: Clock): ImportConverter {
  return {
    format: 'misp',
    sniff: (head) => MISP_START.test(head) || (BARE_EVENT.test(head) && !STIX_BUNDLE.test(head)),
    convert(value) {
      if (!isMispEvent(value)) throw new AccordError('validation-failed', ingestMessage('noMispEvent'));
      const result = mispToStix(value, { now: clock.now() });
      return { objects: result.objects, unmapped: result.unmapped };
    },
  };
}
